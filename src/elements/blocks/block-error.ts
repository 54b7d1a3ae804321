/** Errors the building blocks throw, each with a code a program can test. */
export type BlockErrorCode =
  /** An icon-only button, a labelled icon or a dialog was given no accessible name. */
  | 'missing-label'
  /** The dialog was asked for something while it already waits for an answer. */
  | 'dialog-busy'
  /** The dialog was asked to open while not in a document. */
  | 'not-connected'
  /** Neither the Clipboard API nor the copy command could copy the text. */
  | 'copy-failed';

export class BlockError extends Error {
  override readonly name = 'BlockError';
  constructor(
    readonly code: BlockErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
