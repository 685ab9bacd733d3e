import { sceneSchema, type Scene } from '@protocol';
import { HostApiError } from './HostApiError.ts';

/** The part of XMLHttpRequest an upload uses (tests pass a fake). */
export interface UploadXhr {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: FormData): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  readonly upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null; onload: (() => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

export interface UploadSceneOptions {
  url: string;
  token: string;
  file: File;
  /** Room name; the server takes the file name without its extension when absent. */
  name?: string;
  /** Re-tile the room of the same name instead of failing with name_taken. */
  replace?: boolean;
  /** Bytes sent so far (the browser reports upload progress only through XHR, not fetch). */
  onProgress?: (loaded: number, total: number) => void;
  /** Every byte is sent; the server is tiling and will answer when done. */
  onProcessing?: () => void;
  createXhr?: () => UploadXhr;
}

/**
 * Uploads one room's 360° photo (multipart `photo`) to POST /places/:id/scenes.
 * Resolves with the new room; rejects with a HostApiError carrying the server's sentence
 * (415 not an image, 422 not equirectangular, 409 name taken …) or code "aborted".
 */
export function uploadScene(opts: UploadSceneOptions): { done: Promise<Scene>; abort: () => void } {
  const xhr = opts.createXhr?.() ?? (new XMLHttpRequest() as unknown as UploadXhr);
  const done = new Promise<Scene>((resolve, reject) => {
    xhr.open('POST', opts.url);
    xhr.setRequestHeader('authorization', `Bearer ${opts.token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : opts.file.size);
    xhr.upload.onload = () => opts.onProcessing?.();
    xhr.onerror = () => reject(new HostApiError(0, 'offline', 'The upload was interrupted; check your connection and try again.'));
    xhr.onabort = () => reject(new HostApiError(0, 'aborted', 'The upload was cancelled.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page: fall through to the generic message.
      }
      if (xhr.status < 200 || xhr.status >= 300) return reject(HostApiError.fromBody(xhr.status, body, `HTTP ${xhr.status}`));
      const scene = sceneSchema.safeParse(body);
      if (!scene.success) return reject(new HostApiError(xhr.status, 'bad_response', 'The server answered in an unexpected shape; reload the page.'));
      resolve(scene.data);
    };
    const form = new FormData();
    form.append('photo', opts.file, opts.file.name);
    if (opts.name) form.append('name', opts.name);
    if (opts.replace) form.append('replace', 'true');
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
