import { useRef } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Flex, Spin } from 'antd';
import { useMe } from '../features/auth/api/get-me';
import { useT } from '../lib/i18n';
import { hasRole } from '../lib/roles';
import { NotFound } from '../components/ui/not-found';
import { QueryError } from '../components/ui/query-error';
import type { Me, Role } from '../types/api';

export function FullPageSpin() {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }} role="status">
      <Spin size="large" />
      <span style={{ marginInlineStart: 12 }}>{t('app.loading')}</span>
    </Flex>
  );
}

/** The signed-in user; only use below <RequireAuth>. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  // While logging out, the session is cleared a render before <RequireAuth> redirects: keep the last user.
  const last = useRef<Me | null>(null);
  if (data) last.current = data;
  if (!last.current) throw new Error('useCurrentUser outside <RequireAuth>');
  return last.current;
}

export function RequireAuth({ children }: { children: React.ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <main id="main-content" style={{ padding: 24 }}>
        <QueryError error={me.error} onRetry={() => me.refetch()} />
      </main>
    );
  }
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (me.data.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return <>{children}</>;
}

/** Renders the child routes only for the given roles; others get the 404 page. */
export function RequireRoles({ roles }: { roles: Role[] }) {
  const me = useCurrentUser();
  if (!hasRole(me, ...roles)) return <NotFound />;
  return <Outlet />;
}
