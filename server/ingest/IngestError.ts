/**
 * Why an upload could not be stored. The message is one sentence meant for the person
 * who uploaded the file (it names the file and says what to do); `code` lets the HTTP
 * layer pick a status without parsing that sentence.
 */
export type IngestErrorCode =
  | 'missing'
  | 'not-image'
  | 'corrupt'
  | 'too-large'
  | 'not-equirect'
  | 'not-gltf'
  /** Another room of the place already has this name (and the upload does not replace it). */
  | 'name_taken'
  /** The place was deleted while its upload was being tiled. */
  | 'place_not_found';

export class IngestError extends Error {
  readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestError';
    this.code = code;
  }
}
