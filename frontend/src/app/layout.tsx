import { useMemo, useState } from 'react';
import { useFocusableScrollRegions } from '../lib/use-focusable-scroll-regions';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Grid, Layout, Menu, Select, Typography, type MenuProps } from 'antd';
import {
  AimOutlined,
  FileTextOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CompassOutlined,
  DatabaseOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  FormOutlined,
  SafetyCertificateOutlined,
  ReadOutlined,
  CloudUploadOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  TeamOutlined,
  ScheduleOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useLabels, useLang, useT, type Lang, type MessageKey } from '../lib/i18n';
import { hasRole } from '../lib/roles';
import { useLogout } from '../features/auth/api/logout';
import type { Me, Role } from '../types/api';
import { useCurrentUser } from './guards';

type NavItem = { path: string; label: MessageKey; icon: React.ReactNode; roles: Role[] | 'all' };

export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined aria-hidden />, roles: 'all' },
  { path: '/learning', label: 'menu.learning', icon: <ReadOutlined aria-hidden />, roles: 'all' },
  { path: '/catalogue', label: 'menu.catalogue', icon: <CompassOutlined aria-hidden />, roles: 'all' },
  { path: '/external-learning', label: 'menu.externalLearning', icon: <SafetyCertificateOutlined aria-hidden />, roles: 'all' },
  { path: '/my-certificates', label: 'menu.myCertificates', icon: <TrophyOutlined aria-hidden />, roles: 'all' },
  { path: '/courses', label: 'menu.courses', icon: <BookOutlined aria-hidden />, roles: ['trainer', 'manager', 'admin'] },
  { path: '/question-banks', label: 'menu.questionBanks', icon: <DatabaseOutlined aria-hidden />, roles: ['trainer', 'manager', 'admin'] },
  { path: '/quizzes', label: 'menu.quizzes', icon: <FormOutlined aria-hidden />, roles: ['trainer', 'manager', 'admin'] },
  { path: '/classes', label: 'menu.classes', icon: <ScheduleOutlined aria-hidden />, roles: ['trainer', 'manager', 'admin'] },
  { path: '/org-units', label: 'menu.orgUnits', icon: <ApartmentOutlined aria-hidden />, roles: ['trainer', 'manager', 'admin'] },
  { path: '/staff', label: 'menu.staff', icon: <TeamOutlined aria-hidden />, roles: ['trainer', 'manager', 'admin'] },
  { path: '/staff/import', label: 'menu.import', icon: <CloudUploadOutlined aria-hidden />, roles: ['manager', 'admin'] },
  { path: '/certificates', label: 'menu.certificates', icon: <TrophyOutlined aria-hidden />, roles: ['trainer', 'manager', 'admin'] },
  { path: '/external-completions', label: 'menu.externalReview', icon: <FileDoneOutlined aria-hidden />, roles: ['manager', 'admin'] },
  { path: '/external-completions/import', label: 'menu.externalImport', icon: <FileAddOutlined aria-hidden />, roles: ['manager', 'admin'] },
  { path: '/targets', label: 'menu.targets', icon: <AimOutlined aria-hidden />, roles: ['manager', 'admin'] },
  { path: '/reports', label: 'menu.reports', icon: <FileTextOutlined aria-hidden />, roles: ['manager', 'admin'] },
  { path: '/users', label: 'menu.users', icon: <UserOutlined aria-hidden />, roles: ['admin'] },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined aria-hidden />, roles: ['admin'] },
  { path: '/change-password', label: 'menu.changePassword', icon: <KeyOutlined aria-hidden />, roles: 'all' },
];

export function navItemsFor(me: Pick<Me, 'roles'>): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === 'all' || hasRole(me, ...item.roles));
}

function selectedKey(pathname: string, items: NavItem[]): string[] {
  let best: NavItem | undefined;
  for (const item of items) {
    const match = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (match && (!best || item.path.length > best.path.length)) best = item;
  }
  // /staff/new and /staff/:id belong to "Nhân sự", not to "Nhập danh sách".
  return best ? [best.path] : [];
}

function NavMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const t = useT();
  const location = useLocation();
  const items = navItemsFor(me);
  const menuItems: MenuProps['items'] = items.map((item) => ({
    key: item.path,
    icon: item.icon,
    label: (
      <Link to={item.path} onClick={onNavigate}>
        {t(item.label)}
      </Link>
    ),
  }));
  return (
    <nav aria-label={t('app.mainNav')}>
      <Menu mode="inline" items={menuItems} selectedKeys={selectedKey(location.pathname, items)} style={{ borderInlineEnd: 0 }} />
    </nav>
  );
}

export function AppLayout() {
  const t = useT();
  const labels = useLabels();
  const { lang, setLang } = useLang();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  useFocusableScrollRegions(t('common.scrollTable'));
  const roleText = useMemo(() => me.roles.map((r) => labels.role[r]).join(', '), [me.roles, labels]);

  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });

  const brand = (
    <Link to="/" className="app-brand">
      {t('app.shortTitle')}
      <span style={{ display: 'block', fontWeight: 400, fontSize: 13, color: '#434343' }}>{t('app.unitName')}</span>
    </Link>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      {!isMobile && (
        <Layout.Sider width={240} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          {brand}
          <NavMenu me={me} />
        </Layout.Sider>
      )}
      {isMobile && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={280}
          title={t('app.shortTitle')}
          styles={{ body: { padding: 0 } }}
        >
          <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
            <div style={{ fontWeight: 600 }}>{me.displayName}</div>
            <div style={{ color: '#434343', fontSize: 13 }}>{roleText}</div>
          </div>
          <NavMenu me={me} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="app-header">
          {isMobile && (
            <Button
              icon={<MenuOutlined aria-hidden />}
              aria-label={t('app.openMenu')}
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          {isMobile && (
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
              {t('app.shortTitle')}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          {!isMobile && (
            <div className="app-header-user">
              <span style={{ fontWeight: 600 }}>{me.displayName}</span>
              <span style={{ color: '#434343', fontSize: 13 }}>{roleText}</span>
            </div>
          )}
          <Select<Lang>
            aria-label={t('app.language')}
            value={lang}
            onChange={setLang}
            style={{ width: isMobile ? 72 : 132 }}
            options={[
              { value: 'vi', label: isMobile ? 'VI' : 'Tiếng Việt' },
              { value: 'en', label: isMobile ? 'EN' : 'English' },
            ]}
          />
          <Button
            icon={<LogoutOutlined aria-hidden />}
            onClick={onLogout}
            loading={logout.isPending}
            aria-label={isMobile ? t('auth.logout') : undefined}
          >
            {isMobile ? null : t('auth.logout')}
          </Button>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
