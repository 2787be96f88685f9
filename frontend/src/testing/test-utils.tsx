import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { AppProvider } from '../app/provider';
import { AppRouter } from '../app/router';
import type { Lang } from '../lib/i18n';

export function createTestQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 0, gcTime: Infinity }, mutations: { retry: false } },
  });
}

/** Renders the whole app (real routes, layout and guards) at `url` against the mocked fetch. */
export function renderApp(url: string, { lang = 'vi' }: { lang?: Lang } = {}) {
  const queryClient = createTestQueryClient();
  const utils = render(
    <AppProvider queryClient={queryClient} initialLang={lang}>
      <AppRouter initialEntries={[url]} />
    </AppProvider>,
  );
  return { ...utils, queryClient };
}
