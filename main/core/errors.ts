import type { ErrorCode } from '../../shared/contract';

/** An error meant for the user: its message is shown as it is, with a code the UI can act on. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const refused = (why: string) => new AppError('REFUSED', why);
