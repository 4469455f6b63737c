import { useEffect, useState } from 'react';
import { AppShell, Badge, Divider, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { MethodOutput, OfficeDto } from '../../../shared/ipc/contract';
import { SECTIONS, SHELL, type SectionId } from './texts';
import { ComingSoon } from '../features/placeholders/ComingSoon';
import { UnitsPage } from '../features/units/UnitsPage';
import { OrganizationsPage } from '../features/organizations/OrganizationsPage';
import { ModelsPage } from '../features/models/ModelsPage';
import { MassOrgsPage } from '../features/mass-orgs/MassOrgsPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { ActivitiesPage } from '../features/activities/ActivitiesPage';
import { PeriodPage } from '../features/period/PeriodPage';
import { EvaluationPage } from '../features/evaluation/EvaluationPage';
import { HandoffPage } from '../features/handoff/HandoffPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SlidesPage } from '../features/slides/SlidesPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { BackupBadge } from '../features/backups/BackupBadge';
import { AccountsPage } from '../features/auth/AccountsPage';
import { UserMenu } from '../features/auth/UserMenu';
import { useCan } from '../features/auth/session';
import type { Method } from '../../../shared/ipc/contract';
import { AuditPage } from '../features/audit/AuditPage';

/** The screen of each built section; the others show what they will hold. */
const PAGES: Partial<Record<SectionId, (p: { office: OfficeDto; today: string }) => React.ReactNode>> = {
  'tong-quan': OverviewPage,
  'don-vi': UnitsPage,
  'co-quan': OrganizationsPage,
  'mo-hinh': ModelsPage,
  'to-chuc': MassOrgsPage,
  'hoat-dong': ActivitiesPage,
  'so-lieu': PeriodPage,
  'danh-gia': EvaluationPage,
  'bao-cao': ReportsPage,
  'chuyen-du-lieu': HandoffPage,
  'trinh-chieu': SlidesPage,
  'sao-luu': BackupsPage,
  'tai-khoan': AccountsPage,
  'nhat-ky': AuditPage,
};

/** The method a section reads first: a role that may not call it does not see the section. */
const SECTION_METHOD: Record<SectionId, Method> = {
  'tong-quan': 'dashboard.get',
  'don-vi': 'units.list',
  'co-quan': 'organizations.list',
  'mo-hinh': 'models.list',
  'to-chuc': 'massOrgs.list',
  'hoat-dong': 'activities.list',
  'so-lieu': 'period.figures',
  'danh-gia': 'evaluation.board',
  'bao-cao': 'reports.list',
  'trinh-chieu': 'slides.deck',
  'chuyen-du-lieu': 'handoffSend.list',
  'sao-luu': 'backups.list',
  'tai-khoan': 'accounts.list',
  'nhat-ky': 'audit.list',
};

function sectionFromHash(): SectionId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return SECTIONS.some((s) => s.id === id) ? (id as SectionId) : 'don-vi';
}

export function Shell({ office, info }: { office: OfficeDto; info: MethodOutput<'app.info'> }) {
  const can = useCan();
  const sections = SECTIONS.filter((s) => can(SECTION_METHOD[s.id]));
  const [hashSection, setSection] = useState<SectionId>(sectionFromHash);
  // A section the role may not use (typed into the address) shows the first one it may.
  const section = sections.some((s) => s.id === hashSection) ? hashSection : (sections[0]?.id ?? hashSection);
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const current = SECTIONS.find((s) => s.id === section)!;

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={4} c="red.8">
              {SHELL.appTitle}
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <BackupBadge />
            <Text size="sm" fw={600} data-testid="office-name">
              {office.name}
            </Text>
            {info.shell === 'web' && (
              <Badge variant="light" color="gray">
                {SHELL.webShellNote}
              </Badge>
            )}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          <Stack gap={2} component="nav" aria-label="Các phần của phần mềm">
            {sections
              .filter((s) => !s.admin)
              .map((s) => (
                <NavLink key={s.id} href={`#/${s.id}`} label={s.label} active={s.id === section} onClick={() => setSection(s.id)} />
              ))}
            <Divider my="xs" label={SHELL.adminGroup} labelPosition="left" />
            {sections
              .filter((s) => s.admin)
              .map((s) => (
                <NavLink key={s.id} href={`#/${s.id}`} label={s.label} active={s.id === section} onClick={() => setSection(s.id)} />
              ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main h="100dvh">
        {(() => {
          const Page = PAGES[section];
          return Page ? <Page office={office} today={info.today} /> : <ComingSoon section={current} />;
        })()}
      </AppShell.Main>
    </AppShell>
  );
}
