import { createBrowserRouter } from 'react-router';
import { ChangePasswordPage } from '../pages/login/change-password-page.tsx';
import { LoginPage } from '../pages/login/login-page.tsx';
import { SecondFactorPage } from '../pages/login/second-factor-page.tsx';
import { Layout } from './layout.tsx';
import { NotFound } from './not-found.tsx';

// Every area's pages load on demand (`lazy`), so the first load carries the frame and the sign-in only.
// An area's module exports `Component` (react-router's lazy convention).
export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    // Opened from the invitation mail by someone without an account yet: outside the signed-in frame.
    { path: '/invitation', lazy: () => import('../pages/login/invitation-index.ts') },
    {
      path: '/',
      element: <Layout />,
      children: [
        { index: true, lazy: () => import('../pages/dashboard/index.ts') },
        { path: 'customers', lazy: () => import('../pages/customers/index.ts') },
        { path: 'customers/:id', lazy: () => import('../pages/customers/customer-index.ts') },
        { path: 'organisations', lazy: () => import('../pages/organisations/index.ts') },
        { path: 'organisations/:id', lazy: () => import('../pages/organisations/organisation-index.ts') },
        { path: 'import', lazy: () => import('../pages/import/index.ts') },
        { path: 'invoices', lazy: () => import('../pages/invoices/index.ts') },
        { path: 'invoices/:id', lazy: () => import('../pages/invoices/invoice-index.ts') },
        { path: 'cases', lazy: () => import('../pages/cases/index.ts') },
        { path: 'cases/:id', lazy: () => import('../pages/cases/case-index.ts') },
        { path: 'second-factor', element: <SecondFactorPage /> },
        { path: 'change-password', element: <ChangePasswordPage /> },
        { path: 'requests', lazy: () => import('../pages/requests/index.ts') },
        { path: 'requests/:id', lazy: () => import('../pages/requests/request-index.ts') },
        { path: 'inbox', lazy: () => import('../pages/inbox/index.ts') },
        { path: 'inbox/:id', lazy: () => import('../pages/inbox/inbox-item-index.ts') },
        { path: 'disclosures', lazy: () => import('../pages/disclosures/index.ts') },
        { path: 'retention', lazy: () => import('../pages/retention/index.ts') },
        { path: 'breaches', lazy: () => import('../pages/breaches/index.ts') },
        { path: 'breaches/:id', lazy: () => import('../pages/breaches/breach-index.ts') },
        { path: 'log', lazy: () => import('../pages/log/index.ts') },
        { path: 'policy', lazy: () => import('../pages/policy/index.ts') },
        { path: 'users', lazy: () => import('../pages/users/index.ts') },
        { path: 'account', lazy: () => import('../pages/account/index.ts') },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/app' },
);
