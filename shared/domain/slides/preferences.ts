/** The presenter's order and hidden slides, applied to the deck's keys. Pure. */
import { SLIDE_KEYS, type SlideKey, type SlidePreferences } from './types';

export const isSlideKey = (k: string): k is SlideKey => (SLIDE_KEYS as readonly string[]).includes(k);

/**
 * The keys in the presenter's order: the stored order first (unknown keys and repeats dropped);
 * a key the stored order lacks (a slide added in a later version) goes right after the key that
 * precedes it in the default order, so an old preference never loses a new slide.
 */
export function applyPreferences(keys: readonly SlideKey[], prefs: SlidePreferences): { order: SlideKey[]; hidden: ReadonlySet<SlideKey> } {
  const order: SlideKey[] = [];
  for (const k of prefs.order) if (keys.includes(k) && !order.includes(k)) order.push(k);
  keys.forEach((k, i) => {
    if (order.includes(k)) return;
    const before = keys
      .slice(0, i)
      .reverse()
      .find((p) => order.includes(p));
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, k);
  });
  return { order, hidden: new Set(prefs.hidden.filter((k) => keys.includes(k))) };
}

/** Moves `key` one place up (-1) or down (+1); the order unchanged at the ends. */
export function moveKey(order: readonly SlideKey[], key: SlideKey, by: -1 | 1): SlideKey[] {
  const out = [...order];
  const i = out.indexOf(key);
  const j = i + by;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}
