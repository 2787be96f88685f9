import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button, Result } from 'antd';
import { translate, getCurrentLang, useT } from '../lib/i18n';
import { NotFound } from '../components/ui/not-found';

function ErrorScreen({ error, t }: { error: unknown; t: (k: 'error.title' | 'error.text' | 'error.reload') => string }) {
  return (
    <main id="main-content" style={{ padding: 24 }}>
      <Result
        status="error"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('error.title')}</h1>}
        subTitle={
          <span style={{ color: '#434343' }}>
            {t('error.text')}
            {error instanceof Error && error.message ? ` (${error.message})` : ''}
          </span>
        }
        extra={
          <Button type="primary" onClick={() => window.location.assign('/')}>
            {t('error.reload')}
          </Button>
        }
      />
    </main>
  );
}

/** Last-resort boundary around the whole app (errors outside the router). */
export class AppErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Unhandled UI error', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      const lang = getCurrentLang();
      return <ErrorScreen error={this.state.error} t={(k) => translate(lang, k)} />;
    }
    return this.props.children;
  }
}

/** errorElement of the routes. */
export function RouteError({ insideLayout = false }: { insideLayout?: boolean }) {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404) return insideLayout ? <NotFound /> : <main id="main-content"><NotFound /></main>;
  if (insideLayout) {
    return (
      <Result
        status="error"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('error.title')}</h1>}
        subTitle={
          <span style={{ color: '#434343' }}>
            {t('error.text')}
            {error instanceof Error && error.message ? ` (${error.message})` : ''}
          </span>
        }
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('error.reload')}
          </Button>
        }
      />
    );
  }
  return <ErrorScreen error={error} t={t} />;
}
