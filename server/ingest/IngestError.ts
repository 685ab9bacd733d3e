/**
 * Why an upload could not be tiled. The message is one sentence meant for the person
 * who uploaded the file (it names the file and says what to do); `code` lets the HTTP
 * layer pick a status without parsing that sentence.
 */
export type IngestErrorCode = 'missing' | 'not-image' | 'corrupt' | 'too-large' | 'not-equirect';

export class IngestError extends Error {
  readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestError';
    this.code = code;
  }
}
