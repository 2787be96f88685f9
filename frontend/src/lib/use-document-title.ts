import { useEffect } from 'react';
import { useT } from './i18n';

/** Sets document.title to "<page> - <app title>". */
export function useDocumentTitle(pageTitle: string | null | undefined) {
  const t = useT();
  const appTitle = t('app.title');
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} - ${appTitle}` : appTitle;
  }, [pageTitle, appTitle]);
}
