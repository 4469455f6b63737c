/**
 * Which backups rotation keeps (issue 15 item 4): the newest few of today, the newest of each of
 * the last days, the newest of each of the last months, and any backup pinned by the caller (the
 * copy a restore can be undone to). Pure: the instant "now" is passed in; days and months are
 * Vietnam's calendar (UTC+7), like every date the app shows.
 */
import { vietnamDateOf } from '../lib/dates';

export interface RotationPolicy {
  /** How many of today's backups are kept (newest first). */
  today: number;
  /** One a day (the newest of the day) for this many days, today included. */
  days: number;
  /** One a month (the newest of the month) for this many months, this month included. */
  months: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { today: 3, days: 14, months: 12 };

export interface RotatableBackup {
  id: string;
  /** ISO-8601 instant the backup was made. */
  createdAt: string;
}

function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

function monthNumber(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

/**
 * The ids to keep. Anything not returned may be deleted by the caller (which deletes only files it
 * wrote itself). A backup dated after `now` (the clock was set back) is kept: its age is unknown.
 * The newest backup is always kept.
 */
export function backupsToKeep(
  backups: readonly RotatableBackup[],
  now: Date,
  pinned: ReadonlySet<string> = new Set(),
  policy: RotationPolicy = DEFAULT_ROTATION,
): Set<string> {
  const today = vietnamDateOf(now);
  const todayDay = dayNumber(today);
  const todayMonth = monthNumber(today);
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const keep = new Set<string>();
  const daysSeen = new Set<number>();
  const monthsSeen = new Set<number>();
  let todayKept = 0;
  // The newest backup is never rotated away, however old: it may be the only one left.
  if (newestFirst[0]) keep.add(newestFirst[0].id);
  for (const b of newestFirst) {
    const at = new Date(b.createdAt);
    if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() || pinned.has(b.id)) {
      keep.add(b.id);
      continue;
    }
    const date = vietnamDateOf(at);
    const day = dayNumber(date);
    const month = monthNumber(date);
    if (day === todayDay && todayKept < policy.today) {
      keep.add(b.id);
      todayKept++;
    }
    if (todayDay - day < policy.days && !daysSeen.has(day)) {
      keep.add(b.id);
      daysSeen.add(day);
    }
    if (todayMonth - month < policy.months && !monthsSeen.has(month)) {
      keep.add(b.id);
      monthsSeen.add(month);
    }
  }
  return keep;
}
