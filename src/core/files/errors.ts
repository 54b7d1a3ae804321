/**
 * The errors of files by digest: one FileError type with a code (FileErrorCode) that says what went
 * wrong, the same on both sides of the wire (an `error` frame carries the code).
 */
export type FileErrorCode =
  | 'malformed'
  | 'too-large'
  | 'unknown-digest'
  | 'bad-chunk'
  | 'bad-digest'
  | 'cancelled'
  | 'busy'
  | 'timeout'
  | 'unavailable'
  | 'quota'
  | 'storage'
  /** A pushed file's manifest says other than its offer did (a larger size, another name or type). */
  | 'offer-mismatch'
  /** A partial file was left untouched longer than the store keeps partial files. */
  | 'expired';

export const ERROR_CODES: ReadonlySet<string> = new Set<FileErrorCode>(['malformed', 'too-large', 'unknown-digest', 'bad-chunk', 'bad-digest', 'cancelled', 'busy', 'timeout', 'unavailable', 'quota', 'storage', 'offer-mismatch', 'expired']);

export class FileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileError';
  }
}

export function asFileError(error: unknown, code: FileErrorCode = 'storage'): FileError {
  return error instanceof FileError ? error : new FileError(code, (error as Error)?.message ?? String(error));
}
