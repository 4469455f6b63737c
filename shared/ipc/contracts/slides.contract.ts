/**
 * Methods of the meeting deck ("Trình chiếu", issue 13 item 5): the deck of a year and a part of
 * the territory (shared/domain/slides), the presenter's order and hidden slides kept per office,
 * and the same deck as a PPTX file.
 */
import { z } from 'zod';
import { uuid, year } from '../common';
import { SLIDE_KEYS, type Deck, type SlidePreferences } from '../../domain/slides';

const slideKey = z.enum(SLIDE_KEYS, { error: 'Trang trình chiếu không hợp lệ.' });

const chartDto = z.object({
  title: z.string(),
  type: z.enum(['bar', 'line']),
  categories: z.array(z.string()),
  series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
  unit: z.string(),
});

const bigFigureDto = z.object({
  label: z.string(),
  value: z.string().nullable(),
  unit: z.string(),
  previous: z.string().nullable(),
  change: z.string().nullable(),
  trend: z.enum(['up', 'down', 'same']).nullable(),
});

const common = {
  id: z.string(),
  key: slideKey,
  title: z.string(),
  status: z.enum(['frozen', 'live']),
  statusText: z.string(),
  hidden: z.boolean(),
};

export const slideDto = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('title'),
    office: z.string(),
    meeting: z.string(),
    territory: z.string().nullable(),
    dateLine: z.string(),
  }),
  z.object({
    ...common,
    kind: z.literal('figures'),
    figures: z.array(bigFigureDto),
    itemsTitle: z.string().nullable(),
    items: z.array(z.string()),
    empty: z.string().nullable(),
  }),
  z.object({ ...common, kind: z.literal('chart'), charts: z.array(chartDto), missingNote: z.string().nullable() }),
  z.object({
    ...common,
    kind: z.literal('evaluation'),
    caption: z.string(),
    rows: z.array(
      z.object({
        label: z.string(),
        achieved: z.number().int().nullable(),
        total: z.number().int(),
        ratio: z.string(),
        percent: z.string().nullable(),
        detail: z.string(),
      }),
    ),
    note: z.string().nullable(),
    empty: z.string().nullable(),
  }),
  z.object({ ...common, kind: z.literal('text'), paragraphs: z.array(z.string()), empty: z.string().nullable() }),
]);

export const deckDto = z.object({ year: z.number().int(), office: z.string(), territory: z.string(), slides: z.array(slideDto) });
export type DeckDto = z.infer<typeof deckDto>;

export const slidePreferencesDto = z.object({ order: z.array(slideKey), hidden: z.array(slideKey) });

// The DTOs are the domain's shapes, checked both ways at compile time.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _deck: Same<DeckDto, Deck> = true;
const _prefs: Same<z.infer<typeof slidePreferencesDto>, SlidePreferences> = true;
void _deck;
void _prefs;

const deckInput = z.object({ year, unitId: uuid.nullable() }).strict();

export const slidesContract = {
  /** The deck with every slide in the presenter's order (hidden ones marked). */
  'slides.deck': { input: deckInput, output: deckDto },
  /** Saves the order and the hidden slides (every key once); the deck is then read again. */
  'slides.savePreferences': {
    input: z
      .object({
        order: z.array(slideKey).refine((o) => new Set(o).size === o.length && o.length === SLIDE_KEYS.length, {
          error: 'Thứ tự trình chiếu phải có mỗi trang đúng một lần.',
        }),
        hidden: z.array(slideKey).refine((h) => h.length < SLIDE_KEYS.length, { error: 'Không thể ẩn tất cả các trang.' }),
      })
      .strict(),
    output: slidePreferencesDto,
  },
  /** The visible slides, in order, as a PPTX file (16:9, native charts). */
  'slides.exportPptx': { input: deckInput, output: z.object({ fileName: z.string(), base64: z.string() }) },
} as const;
