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
      // the page a class QR opens on a learner's phone: public (a signed-in person is recognised by the API)
      { path: 'check-in', lazy: lazyRoute(() => import('./routes/check-in')) },
      // the page a certificate's QR code opens: public, shows only the state, the name, the course and the dates
      { path: 'verify', lazy: lazyRoute(() => import('./routes/verify')) },
      { path: 'verify/:code', lazy: lazyRoute(() => import('./routes/verify')) },
      {
        // the projector / tablet check-in screen: signed in, full screen, without the app layout
        element: (
          <RequireAuth>
            <RequireRoles roles={['trainer', 'manager', 'admin']} />
          </RequireAuth>
        ),
        children: [{ path: 'sessions/:id/check-in-screen', lazy: lazyRoute(() => import('./routes/session-check-in-screen')) }],
      },
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
              { path: 'learning/quizzes/:quizId', lazy: lazyRoute(() => import('./routes/quiz-start')) },
              { path: 'learning/attempts/:attemptId', lazy: lazyRoute(() => import('./routes/quiz-attempt')) },
              { path: 'learning/attempts/:attemptId/review', lazy: lazyRoute(() => import('./routes/quiz-review')) },
              { path: 'external-learning', lazy: lazyRoute(() => import('./routes/external-learning')) },
              { path: 'my-certificates', lazy: lazyRoute(() => import('./routes/my-certificates')) },
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
                  { path: 'question-banks', lazy: lazyRoute(() => import('./routes/question-banks')) },
                  { path: 'question-banks/:bankId', lazy: lazyRoute(() => import('./routes/question-bank')) },
                  { path: 'question-banks/:bankId/import', lazy: lazyRoute(() => import('./routes/question-import')) },
                  { path: 'question-banks/:bankId/questions/new', lazy: lazyRoute(() => import('./routes/question-edit')) },
                  { path: 'question-banks/:bankId/questions/:questionId', lazy: lazyRoute(() => import('./routes/question-edit')) },
                  { path: 'quizzes', lazy: lazyRoute(() => import('./routes/quizzes-list')) },
                  { path: 'quizzes/new', lazy: lazyRoute(() => import('./routes/quiz-new')) },
                  { path: 'quizzes/:id', lazy: lazyRoute(() => import('./routes/quiz-detail')) },
                  { path: 'classes', lazy: lazyRoute(() => import('./routes/classes-list')) },
                  { path: 'classes/new', lazy: lazyRoute(() => import('./routes/class-edit')) },
                  { path: 'classes/:id', lazy: lazyRoute(() => import('./routes/class-detail')) },
                  { path: 'classes/:id/edit', lazy: lazyRoute(() => import('./routes/class-edit')) },
                  { path: 'sessions/:id/mark', lazy: lazyRoute(() => import('./routes/session-mark')) },
                  { path: 'sessions/:id/paper', lazy: lazyRoute(() => import('./routes/session-paper')) },
                  { path: 'attendance-reports', lazy: lazyRoute(() => import('./routes/attendance-reports')) },
                  { path: 'certificates', lazy: lazyRoute(() => import('./routes/certificates')) },
                ],
              },
              {
                element: <RequireRoles roles={['manager', 'admin']} />,
                children: [
                  { path: 'staff/new', lazy: lazyRoute(() => import('./routes/staff-edit')) },
                  { path: 'staff/:id/edit', lazy: lazyRoute(() => import('./routes/staff-edit')) },
                  { path: 'staff/import', lazy: lazyRoute(() => import('./routes/staff-import')) },
                  { path: 'external-completions', lazy: lazyRoute(() => import('./routes/external-completions')) },
                  { path: 'external-completions/import', lazy: lazyRoute(() => import('./routes/external-completions-import')) },
                  { path: 'targets', lazy: lazyRoute(() => import('./routes/targets-list')) },
                  { path: 'targets/new', lazy: lazyRoute(() => import('./routes/target-edit')) },
                  { path: 'targets/:id', lazy: lazyRoute(() => import('./routes/target-detail')) },
                  { path: 'targets/:id/edit', lazy: lazyRoute(() => import('./routes/target-edit')) },
                  { path: 'reports', lazy: lazyRoute(() => import('./routes/reports-list')) },
                  { path: 'reports/:id', lazy: lazyRoute(() => import('./routes/report-detail')) },
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
