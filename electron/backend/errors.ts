/**
 * The one error type backend code throws on purpose. Dispatch turns it into the result envelope;
 * anything else thrown becomes INTERNAL and its text stays in the log.
 */
import type { ErrorCode } from '../../shared/ipc/errors';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}
