/**
 * The backend's only source of time and ids, injected so tests (and the e2e host) control "today".
 */
import { randomUUID } from 'node:crypto';
import { vietnamDateOf } from '../../shared/lib/dates';

export interface Clock {
  now(): Date;
  /** Today's calendar date in Vietnam, yyyy-MM-dd. */
  today(): string;
  /** An ISO-8601 UTC timestamp for created_at/updated_at. */
  timestamp(): string;
}

export function createClock(now: () => Date = () => new Date()): Clock {
  return {
    now,
    today: () => vietnamDateOf(now()),
    timestamp: () => now().toISOString(),
  };
}

export type NewId = () => string;
export const newUuid: NewId = () => randomUUID();
