/**
 * Hoạt động phong trào: one tab per kind of activity record (propaganda, events, tips, mediations,
 * incident statistics, awards). Tabs stay mounted, so switching keeps each tab's filters and shows
 * its list at once; the chosen tab is remembered for the session.
 */
import { useMemo, useState } from 'react';
import { Stack, Tabs, Title } from '@mantine/core';
import { useQuery } from '../../api/client';
import type { OfficeDto, UnitDto } from '../../../../shared/ipc/contract';
import { ACTIVITY_KINDS, ACTIVITY_TITLES, type ActivityKind } from '../../../../shared/domain/activities';
import { unitOptions } from '../../components/ListFilters';
import { ActivityList } from './ActivityList';
import { ACT } from './texts';
import { takeDrill } from '../consolidation/drill';

const TAB_KEY = 'antq.activities.tab';

const isKind = (v: string | null | undefined): v is ActivityKind => (ACTIVITY_KINDS as readonly string[]).includes(v ?? '');

function initialTab(): ActivityKind {
  const saved = sessionStorage.getItem(TAB_KEY);
  return (ACTIVITY_KINDS as readonly string[]).includes(saved ?? '') ? (saved as ActivityKind) : 'propaganda';
}

/** Unit options with ended units marked, so past records can still name their unit. */
function unitChoices(units: readonly UnitDto[]) {
  const ended = new Set(units.filter((u) => u.validTo !== null).map((u) => u.id));
  return unitOptions(units).map((o) => (ended.has(o.value) ? { ...o, label: `${o.label}${ACT.endedUnit}` } : o));
}

export function ActivitiesPage({ today }: { office: OfficeDto; today: string }) {
  // Opened from the province's breakdown by office or from the dashboard: every tab starts on the
  // drill-down's unit and period, and the tab it names (if any) is shown.
  const [start] = useState(() => takeDrill('hoat-dong'));
  const [tab, setTab] = useState<ActivityKind>(() => (isKind(start?.kind) ? start.kind : initialTab()));
  const units = useQuery('units.list', { includeEnded: true });
  const unitList = useMemo(() => units.data ?? [], [units.data]);
  const unitData = useMemo(() => unitChoices(unitList), [unitList]);

  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="xs">
      <Title order={2}>{ACT.title}</Title>
      <Tabs
        value={tab}
        onChange={(v) => {
          if (!v) return;
          setTab(v as ActivityKind);
          sessionStorage.setItem(TAB_KEY, v);
        }}
        keepMounted
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
      >
        <Tabs.List aria-label={ACT.tabsLabel}>
          {ACTIVITY_KINDS.map((k) => (
            <Tabs.Tab key={k} value={k} fz="sm" px={10}>
              {ACTIVITY_TITLES[k]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {ACTIVITY_KINDS.map((k) => (
          <Tabs.Panel key={k} value={k} pt="xs" style={{ flex: 1, minHeight: 0 }}>
            <ActivityList kind={k} units={unitList} unitData={unitData} today={today} start={start} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
