/**
 * The year's registrations among the dashboard's key figures (issue 14): per kind as the report's
 * sentence groups them, the units registered as x/y with the share, the recognitions and the
 * households under it, and the sentence "x/y khu dân cư với N hộ gia đình …". The block is the one
 * period.figures counted for the year (dashboard.get passes it on); nothing is counted here. No
 * registration recorded is "thiếu dữ liệu", never 0/y. A tile opens the evaluation board on its kind.
 */
import { Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { RegistrationBlockDto } from '../../../../shared/ipc/contracts/period.contract';
import {
  ORGANISATION_KINDS,
  REGISTRATION_GROUP_LABELS,
  noRecognitionRecords,
  noRegistrationRecords,
  sentenceGroups,
  type RegistrationGroup,
} from '../../../../shared/domain/period';
import { percentVi } from '../../../../shared/domain/overview';
import { formatIntVi } from '../../../../shared/lib/numbers';
import { drillTo } from '../consolidation/drill';
import { DASHBOARD } from './texts';

const T = DASHBOARD.registrations;

/** The board's category a tile opens on (the three organisation kinds together: every category). */
const BOARD_CATEGORY: Readonly<Record<RegistrationGroup, string | null>> = {
  khu_dan_cu: 'khu_dan_cu',
  xa: 'xa',
  co_quan: 'co_quan_doanh_nghiep',
  doanh_nghiep: 'co_quan_doanh_nghiep',
  co_quan_doanh_nghiep: 'co_quan_doanh_nghiep',
  co_so_giao_duc: 'co_so_giao_duc',
  to_chuc: null,
};

const ratio = (part: number, total: number) => `${formatIntVi(part)}/${formatIntVi(total)}`;

function detailLines(f: RegistrationBlockDto['figures'], group: RegistrationGroup): string[] {
  const c = f.groups[group];
  const lines = [T.recognised(noRecognitionRecords(f) ? DASHBOARD.missing : ratio(c.recognised, c.total))];
  if (group === 'khu_dan_cu' && c.registered > 0) {
    const h = f.households;
    lines.push(
      h.registered === null
        ? T.householdsMissing
        : T.households(formatIntVi(h.registered)) + (h.missing > 0 ? T.householdsPartly(formatIntVi(h.missing)) : ''),
    );
  }
  if (group === 'to_chuc') {
    const parts = ORGANISATION_KINDS.filter((k) => f.groups[k].total > 0).map(
      (k) => `${REGISTRATION_GROUP_LABELS[k]} ${ratio(f.groups[k].registered, f.groups[k].total)}`,
    );
    if (!noRegistrationRecords(f)) lines.push(parts.join(' · '));
  }
  return lines;
}

function Tile({ f, group, unitId }: { f: RegistrationBlockDto['figures']; group: RegistrationGroup; unitId: string | null }) {
  const c = f.groups[group];
  const missing = noRegistrationRecords(f);
  const label = REGISTRATION_GROUP_LABELS[group];
  const kind = BOARD_CATEGORY[group];
  const open = () => drillTo({ section: 'danh-gia', unitId, from: `${f.year}-01-01`, to: `${f.year}-12-31`, kind });
  const pct = percentVi(c.registered, c.total);
  return (
    <UnstyledButton onClick={open} title={T.open(label, f.year)} data-testid="registration-tile" data-group={group}>
      <Paper withBorder p="sm" h="100%" style={{ cursor: 'pointer' }}>
        <Text size="sm" c="dark.5" fw={600} lh={1.25}>
          {label}
        </Text>
        {missing ? (
          <Text fz={22} fw={600} c="dark.4" lh={1.6} data-testid="registration-value">
            {DASHBOARD.missing}
          </Text>
        ) : (
          <Group gap={6} align="baseline" wrap="nowrap">
            <Text fz={30} fw={700} lh={1.2} c="blue.9" data-testid="registration-value">
              {ratio(c.registered, c.total)}
            </Text>
            <Text size="sm" c="dark.5">
              {T.registered}
              {pct ? ` (${pct})` : ''}
            </Text>
          </Group>
        )}
        {detailLines(f, group).map((l) => (
          <Text key={l} size="sm" c="dark.5" lh={1.3}>
            {l}
          </Text>
        ))}
      </Paper>
    </UnstyledButton>
  );
}

export function DashboardRegistrations({ block, unitId }: { block: RegistrationBlockDto; unitId: string | null }) {
  const f = block.figures;
  const groups = sentenceGroups(f);
  return (
    <Paper withBorder p="sm" component="section" aria-label={T.title(f.year)}>
      <Stack gap="xs">
        <Title order={5}>{T.title(f.year)}</Title>
        {groups.length > 0 && (
          <SimpleGrid cols={{ base: 2, md: Math.max(groups.length, 3) }} spacing="sm">
            {groups.map((g) => (
              <Tile key={g} f={f} group={g} unitId={unitId} />
            ))}
          </SimpleGrid>
        )}
        <Text size="sm" data-testid="dashboard-registration-sentence" style={{ userSelect: 'text' }}>
          {block.sentences.registration}
        </Text>
      </Stack>
    </Paper>
  );
}
