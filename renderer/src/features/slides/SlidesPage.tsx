/**
 * "Trình chiếu": pick the year and the part of the territory, hide and reorder the slides (kept per
 * office for next time), preview one, start the presentation, export the same deck as PowerPoint.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { FIRST_EVALUATION_YEAR } from '../evaluation/EvaluationPage';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconDownload, IconPresentation } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import type { OfficeDto } from '../../../../shared/ipc/contract';
import { SLIDE_KEY_LABELS, moveKey, type Slide, type SlideKey, type SlidePreferences } from '../../../../shared/domain/slides';
import { unitOptions } from '../../components/ListFilters';
import { SearchSelect } from '../../components/SearchSelect';
import { saveBase64 } from '../../platform/files';
import { Presenter, SlidePreview } from './Presenter';
import { SLIDES } from './texts';
import { useCan } from '../auth/session';

const PPTX_MIME = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** The slide keys in the deck's order, each with its slides (the tasks may run over two). */
function groups(slides: readonly Slide[]): { key: SlideKey; slides: Slide[] }[] {
  const out: { key: SlideKey; slides: Slide[] }[] = [];
  for (const s of slides) {
    const last = out[out.length - 1];
    if (last?.key === s.key) last.slides.push(s);
    else out.push({ key: s.key, slides: [s] });
  }
  return out;
}

interface RowProps {
  group: { key: SlideKey; slides: Slide[] };
  index: number;
  count: number;
  selected: boolean;
  onSelect: () => void;
  onToggle: (shown: boolean) => void;
  onMove: (by: -1 | 1) => void;
  /** The role may not save the presenter's choices (slides.savePreferences): shown, not changed. */
  readOnly: boolean;
}

function SlideRow({ group, index, count, selected, onSelect, onToggle, onMove, readOnly }: RowProps) {
  const label = SLIDE_KEY_LABELS[group.key];
  const hidden = group.slides[0]!.hidden;
  const status = group.slides[0]!.status;
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      px="xs"
      py={4}
      data-testid="slide-row"
      data-key={group.key}
      style={{ borderRadius: 4, background: selected ? 'var(--mantine-color-blue-0)' : undefined }}
    >
      <Checkbox
        aria-label={`${SLIDES.shown}: ${label}`}
        checked={!hidden}
        disabled={readOnly}
        onChange={(e) => onToggle(e.currentTarget.checked)}
      />
      <UnstyledButton onClick={onSelect} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" c={hidden ? 'dimmed' : 'dark.7'} td={hidden ? 'line-through' : 'none'} truncate>
          {index + 1}. {label}
          {SLIDES.pages(group.slides.length)}
        </Text>
      </UnstyledButton>
      <Badge size="xs" variant="light" color={status === 'frozen' ? 'blue' : 'orange'}>
        {status === 'frozen' ? SLIDES.frozen : SLIDES.live}
      </Badge>
      {!readOnly && (
        <>
          <ActionIcon variant="subtle" aria-label={SLIDES.up(label)} disabled={index === 0} onClick={() => onMove(-1)}>
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon variant="subtle" aria-label={SLIDES.down(label)} disabled={index === count - 1} onClick={() => onMove(1)}>
            <IconArrowDown size={16} />
          </ActionIcon>
        </>
      )}
    </Group>
  );
}

interface ListProps {
  list: { key: SlideKey; slides: Slide[] }[];
  selected: SlideKey | null;
  onSelect: (key: SlideKey) => void;
  onSave: (prefs: SlidePreferences) => void;
  readOnly: boolean;
}

/** The slides to hide and reorder, one row per key, every control reachable by keyboard. */
function SlideList({ list, selected, onSelect, onSave, readOnly }: ListProps) {
  const prefsNow = (): SlidePreferences => ({
    order: list.map((g) => g.key),
    hidden: list.filter((g) => g.slides[0]!.hidden).map((g) => g.key),
  });
  return (
    <Paper withBorder p="sm" w={460} style={{ flexShrink: 0, display: 'flex', flexDirection: 'column', maxHeight: '100%' }}>
      <Title order={5}>{SLIDES.listTitle}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {SLIDES.listHelp}
      </Text>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap={2} role="list" aria-label={SLIDES.listTitle}>
          {list.map((g, i) => (
            <SlideRow
              key={g.key}
              group={g}
              index={i}
              count={list.length}
              selected={g.key === selected}
              readOnly={readOnly}
              onSelect={() => onSelect(g.key)}
              onToggle={(shown) => {
                const p = prefsNow();
                onSave({ ...p, hidden: shown ? p.hidden.filter((k) => k !== g.key) : [...p.hidden, g.key] });
              }}
              onMove={(by) => {
                const p = prefsNow();
                onSave({ ...p, order: moveKey(p.order, g.key, by) });
              }}
            />
          ))}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}

/** Exports the visible slides, in order, as a PowerPoint file and downloads it. */
function ExportPptxButton({ year, unitId, disabled }: { year: number; unitId: string | null; disabled: boolean }) {
  const [exporting, setExporting] = useState(false);
  const exportPptx = async () => {
    setExporting(true);
    try {
      const file = await call('slides.exportPptx', { year, unitId });
      saveBase64(file.fileName, file.base64, PPTX_MIME);
      notifications.show({ color: 'green', message: SLIDES.exported(file.fileName) });
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setExporting(false);
    }
  };
  return (
    <Button
      variant="light"
      leftSection={<IconDownload size={18} />}
      loading={exporting}
      disabled={disabled}
      onClick={() => void exportPptx()}
    >
      {SLIDES.exportPptx}
    </Button>
  );
}

/** The slides in the order of `prefs`, hidden as `prefs` says (the presenter's latest choice). */
function arrange(slides: readonly Slide[], prefs: SlidePreferences): Slide[] {
  const byKey = groups(slides);
  return prefs.order.flatMap((k) =>
    (byKey.find((g) => g.key === k)?.slides ?? []).map((s) => ({ ...s, hidden: prefs.hidden.includes(k) })),
  );
}

/**
 * The deck of the year and territory, with the presenter's choices. Once the presenter has made a
 * choice here it is what the list shows, whatever deck arrives later (a deck asked for before the
 * choice was saved would otherwise undo it on screen), and saves go to the backend one after the
 * other in the order they were made, so the last choice is the one stored.
 */
function useDeck(year: number, unitId: string | null) {
  const deck = useQuery('slides.deck', { year, unitId });
  const [local, setLocal] = useState<SlidePreferences | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const slides = useMemo(() => {
    const all = deck.data?.slides ?? [];
    return local ? arrange(all, local) : all;
  }, [deck.data, local]);
  const save = useCallback((prefs: SlidePreferences) => {
    setLocal(prefs);
    queue.current = queue.current.then(() =>
      call('slides.savePreferences', prefs).then(
        () => undefined,
        (e: unknown) => {
          notifications.show({ color: 'red', title: SLIDES.saveError, message: e instanceof Error ? e.message : String(e) });
        },
      ),
    );
  }, []);
  return { deck, slides, save };
}

export function SlidesPage({ office, today }: { office: OfficeDto; today: string }) {
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [selected, setSelected] = useState<SlideKey>('title');
  const [presenting, setPresenting] = useState(false);
  const units = useQuery('units.list', { includeEnded: false });
  const unitData = useMemo(() => unitOptions(units.data ?? []), [units.data]);
  const { deck, slides, save } = useDeck(year, unitId);
  const can = useCan();
  const list = useMemo(() => groups(slides), [slides]);
  const visible = useMemo(() => slides.filter((s) => !s.hidden), [slides]);
  // Back to the movement's first reports (2012) as the evaluation board offers them (issue 14 item 4).
  const years = useMemo(
    () => Array.from({ length: Math.max(10, thisYear - FIRST_EVALUATION_YEAR + 1) }, (_, i) => String(thisYear - i)),
    [thisYear],
  );
  const previewSlide = slides.find((s) => s.key === selected) ?? slides[0];
  const previewNumber = previewSlide ? visible.indexOf(previewSlide) + 1 : 0;

  return (
    <Stack h="100%" gap="sm">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2}>{SLIDES.title}</Title>
          <Text size="sm" c="dimmed">
            {SLIDES.intro}
          </Text>
        </div>
        <Group gap="sm" wrap="nowrap" align="flex-end">
          <Select
            label={SLIDES.year}
            data={years}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
            w={110}
            allowDeselect={false}
          />
          <SearchSelect
            label={SLIDES.unit}
            placeholder={office.name}
            data={unitData}
            value={unitId}
            onChange={setUnitId}
            clearable
            w={300}
          />
          <Button
            leftSection={<IconPresentation size={18} />}
            disabled={visible.length === 0 || deck.loading}
            onClick={() => setPresenting(true)}
          >
            {SLIDES.start}
          </Button>
          <ExportPptxButton year={year} unitId={unitId} disabled={visible.length === 0} />
        </Group>
      </Group>
      {deck.error && <Alert color="red">{deck.error.message}</Alert>}
      {!deck.data && deck.loading && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{SLIDES.loading}</Text>
        </Group>
      )}
      {deck.data && (
        <Group align="flex-start" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
          <SlideList
            list={list}
            selected={previewSlide?.key ?? null}
            onSelect={setSelected}
            onSave={save}
            readOnly={!can('slides.savePreferences')}
          />
          <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
            {visible.length === 0 && <Alert color="yellow">{SLIDES.noneVisible}</Alert>}
            <Text size="sm" fw={600}>
              {SLIDES.preview}
            </Text>
            {previewSlide && <SlidePreview slide={previewSlide} number={Math.max(previewNumber, 1)} total={visible.length} />}
            <Text size="xs" c="dimmed">
              {SLIDES.keys}
            </Text>
          </Stack>
        </Group>
      )}
      {presenting && visible.length > 0 && <Presenter slides={visible} onClose={() => setPresenting(false)} />}
    </Stack>
  );
}
