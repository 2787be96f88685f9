import { useEffect, useState } from 'react';
import {
  createBrowserRouter,
  createMemoryRouter,
  Outlet,
  RouterProvider,
  type RouteObject,
} from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { setUnauthorizedHandler } from '../lib/api-client';
import { authKeys } from '../features/auth/api/keys';
import { AppLayout } from './layout';
import { FullPageSpin, RequireAuth, RequireRoles } from './guards';
import { RouteError } from './error-boundary';

type LazyModule = { default: React.ComponentType };
const lazyRoute = (load: () => Promise<LazyModule>) => () => load().then((m) => ({ Component: m.default }));

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: Outlet,
    errorElement: <RouteError />,
    HydrateFallback: FullPageSpin,
    children: [
      { path: 'login', lazy: lazyRoute(() => import('./routes/login')) },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          {
            errorElement: <RouteError insideLayout />,
            children: [
              { index: true, lazy: lazyRoute(() => import('./routes/home')) },
              { path: 'change-password', lazy: lazyRoute(() => import('./routes/change-password')) },
              { path: 'learning', lazy: lazyRoute(() => import('./routes/learning')) },
              { path: 'learning/:courseId', lazy: lazyRoute(() => import('./routes/learning-player')) },
              { path: 'catalogue', lazy: lazyRoute(() => import('./routes/catalogue')) },
              {
                element: <RequireRoles roles={['trainer', 'manager', 'admin']} />,
                children: [
                  { path: 'org-units', lazy: lazyRoute(() => import('./routes/org-units')) },
                  { path: 'staff', lazy: lazyRoute(() => import('./routes/staff-list')) },
                  { path: 'staff/:id', lazy: lazyRoute(() => import('./routes/staff-detail')) },
                  { path: 'courses', lazy: lazyRoute(() => import('./routes/courses-list')) },
                  { path: 'courses/new', lazy: lazyRoute(() => import('./routes/course-edit')) },
                  { path: 'courses/:id', lazy: lazyRoute(() => import('./routes/course-detail')) },
                  { path: 'courses/:id/edit', lazy: lazyRoute(() => import('./routes/course-edit')) },
                  { path: 'courses/:id/outline', lazy: lazyRoute(() => import('./routes/course-outline')) },
                ],
              },
              {
                element: <RequireRoles roles={['manager', 'admin']} />,
                children: [
                  { path: 'staff/new', lazy: lazyRoute(() => import('./routes/staff-edit')) },
                  { path: 'staff/:id/edit', lazy: lazyRoute(() => import('./routes/staff-edit')) },
                  { path: 'staff/import', lazy: lazyRoute(() => import('./routes/staff-import')) },
                ],
              },
              {
                element: <RequireRoles roles={['admin']} />,
                children: [
                  { path: 'users', lazy: lazyRoute(() => import('./routes/users')) },
                  { path: 'audit', lazy: lazyRoute(() => import('./routes/audit')) },
                ],
              },
              { path: '*', lazy: lazyRoute(() => import('./routes/not-found')) },
            ],
          },
        ],
      },
    ],
  },
];

type AppRouterInstance = ReturnType<typeof createBrowserRouter>;

/** Clears the session and routes to /login when any API call answers 401. */
function useUnauthorizedRedirect(router: AppRouterInstance) {
  const queryClient = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.all[0] });
      queryClient.setQueryData(authKeys.me(), null);
      const { pathname, search } = router.state.location;
      if (pathname !== '/login') void router.navigate('/login', { replace: true, state: { from: `${pathname}${search}` } });
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, router]);
}

export function AppRouter({ initialEntries }: { initialEntries?: string[] }) {
  const [router] = useState<AppRouterInstance>(() =>
    initialEntries ? createMemoryRouter(routes, { initialEntries }) : createBrowserRouter(routes),
  );
  useUnauthorizedRedirect(router);
  return <RouterProvider router={router} />;
}
