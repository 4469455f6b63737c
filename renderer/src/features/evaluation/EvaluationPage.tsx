/**
 * Đánh giá, công nhận: the year's evaluation board, the point rubrics and the rule sets, one tab
 * each, under a year picker. A board row opens the subject's view (workflow, registration,
 * criteria) in a drawer over the board, so the board keeps its filters and scroll.
 */
import { useEffect, useMemo, useState } from 'react';
import { Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '../../api/client';
import type { OfficeDto } from '../../../../shared/ipc/contract';
import type { SubjectType } from '../../../../shared/domain/evaluation';
import { RubricsPanel } from '../rubrics/RubricsPanel';
import { RuleSetsPanel } from '../rubrics/RuleSetsPanel';
import { BoardPanel } from './BoardPanel';
import { SubjectDrawer } from './SubjectDrawer';
import { EVAL } from './texts';
import { drillYear, takeDrill } from '../consolidation/drill';

/** The first year offered: the movement's reports the offices keep go back to 2012 (issue 14 item 4). */
export const FIRST_EVALUATION_YEAR = 2012;

/** Years offered: the next one (Q1 registration) back to 2012 (records before Circular 124 are kept and counted too). */
export function evaluationYears(today: string): number[] {
  const y = Number(today.slice(0, 4));
  const out: number[] = [];
  for (let k = y + 1; k >= Math.min(FIRST_EVALUATION_YEAR, y - 4); k--) out.push(k);
  return out;
}

// The chosen year is kept for the session like the activities' tab (ActivitiesPage): leaving the
// screen and coming back shows the same year; a new session starts on the current one.
const YEAR_KEY = 'antq.evaluation.year';

/** The year the board opens on: the dashboard's figure, else the one chosen this session if still offered, else this year. */
export function initialYear(drilled: number | null, saved: string | null, offered: readonly number[], today: string): number {
  if (drilled !== null) return drilled;
  const y = Number(saved);
  return saved !== null && offered.includes(y) ? y : Number(today.slice(0, 4));
}

export function EvaluationPage({ office, today }: { office: OfficeDto; today: string }) {
  // Opened from the dashboard: the board starts on the figure's year, category and unit.
  const [start] = useState(() => takeDrill('danh-gia'));
  const [year, setYear] = useState(() => initialYear(drillYear(start), sessionStorage.getItem(YEAR_KEY), evaluationYears(today), today));
  useEffect(() => sessionStorage.setItem(YEAR_KEY, String(year)), [year]);
  const [tab, setTab] = useState<string | null>('board');
  const [open, setOpen] = useState<{ subjectType: SubjectType; subjectId: string } | null>(null);
  const [changed, setChanged] = useState<{ subjectType: SubjectType; subjectId: string; seq: number } | null>(null);
  const units = useQuery('units.list', { includeEnded: false });
  const unitList = useMemo(() => units.data ?? [], [units.data]);
  const years = useMemo(() => evaluationYears(today).map((y) => ({ value: String(y), label: String(y) })), [today]);

  return (
    // Height at 1366×768: the year picker sits beside the title with its label on the left, and the
    // gaps are the small ones, so the board below keeps room for its rows (docs/decisions.md (h14-forms)).
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{EVAL.title}</Title>
        <Group gap="xs" wrap="nowrap">
          <Text component="label" htmlFor="evaluation-year" size="sm" fw={500}>
            {EVAL.year}
          </Text>
          <Select
            id="evaluation-year"
            data={years}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
            allowDeselect={false}
            w={110}
            size="xs"
          />
        </Group>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Tabs.List>
          <Tabs.Tab value="board">{EVAL.tabs.board}</Tabs.Tab>
          <Tabs.Tab value="rubrics">{EVAL.tabs.rubrics}</Tabs.Tab>
          <Tabs.Tab value="rulesets">{EVAL.tabs.ruleSets}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="board" pt="xs" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <BoardPanel
            year={year}
            units={unitList}
            changed={changed}
            start={start}
            onOpen={(r) => setOpen({ subjectType: r.subjectType, subjectId: r.subjectId })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="rubrics" pt="sm" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <RubricsPanel office={office} today={today} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="rulesets" pt="sm" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <RuleSetsPanel office={office} today={today} />
        </Tabs.Panel>
      </Tabs>
      {open && (
        <SubjectDrawer
          subjectType={open.subjectType}
          subjectId={open.subjectId}
          year={year}
          today={today}
          onClose={() => setOpen(null)}
          onChanged={() => setChanged((c) => ({ ...open, seq: (c?.seq ?? 0) + 1 }))}
        />
      )}
    </Stack>
  );
}
