/** Small helpers shared by the unit-history modules. */
import { AppError } from '../../errors';

/** Throws a RULE refusal when `message` is set; inside a transaction it rolls everything back. */
export function refuse(message: string | null, details?: Record<string, string>): void {
  if (message !== null) throw new AppError('RULE', message, details);
}

export const yearOf = (iso: string): number => Number(iso.slice(0, 4));
export const quoteList = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');
