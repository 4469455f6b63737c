import { useEffect, useState } from 'react';
import { AppShell, Badge, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { MethodOutput, OfficeDto } from '../../../shared/ipc/contract';
import { SECTIONS, SHELL, type SectionId } from './texts';
import { ComingSoon } from '../features/placeholders/ComingSoon';
import { UnitsPage } from '../features/units/UnitsPage';

function sectionFromHash(): SectionId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return SECTIONS.some((s) => s.id === id) ? (id as SectionId) : 'don-vi';
}

export function Shell({ office, info }: { office: OfficeDto; info: MethodOutput<'app.info'> }) {
  const [section, setSection] = useState<SectionId>(sectionFromHash);
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
            <Title order={4} c="red.8">{SHELL.appTitle}</Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} data-testid="office-name">{office.name}</Text>
            {info.shell === 'web' && <Badge variant="light" color="gray">{SHELL.webShellNote}</Badge>}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          <Stack gap={2} component="nav" aria-label="Các phần của phần mềm">
            {SECTIONS.map((s) => (
              <NavLink
                key={s.id}
                href={`#/${s.id}`}
                label={s.label}
                active={s.id === section}
                onClick={() => setSection(s.id)}
              />
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main h="100dvh">
        {section === 'don-vi' ? <UnitsPage office={office} today={info.today} /> : <ComingSoon section={current} />}
      </AppShell.Main>
    </AppShell>
  );
}
