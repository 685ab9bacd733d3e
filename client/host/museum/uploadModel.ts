import { exhibitSchema, type Exhibit } from '@protocol';
import { HostApiError } from '../HostApiError.ts';
import type { UploadXhr } from '../uploadScene.ts';

export interface UploadModelOptions {
  /** POST …/exhibits (a new exhibit) or PUT …/exhibits/:id/model (a new model for one). */
  method: 'POST' | 'PUT';
  url: string;
  token: string;
  file: File;
  /** Text fields sent beside the file (title, titleZh, role …); empty values are left out. */
  fields?: Record<string, string | undefined>;
  onProgress?: (loaded: number, total: number) => void;
  /** Every byte is sent; the server is validating and optimising the model. */
  onProcessing?: () => void;
  createXhr?: () => UploadXhr;
}

/**
 * Uploads a GLB/glTF as multipart `file` with XHR (fetch reports no upload progress).
 * Resolves with the exhibit the server made; rejects with a HostApiError carrying the
 * server's one sentence (a hostile or broken model, too large …) or code "aborted".
 */
export function uploadModel(opts: UploadModelOptions): { done: Promise<Exhibit>; abort: () => void } {
  const xhr = opts.createXhr?.() ?? (new XMLHttpRequest() as unknown as UploadXhr);
  const done = new Promise<Exhibit>((resolve, reject) => {
    xhr.open(opts.method, opts.url);
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
      const exhibit = exhibitSchema.safeParse(body);
      if (!exhibit.success) return reject(new HostApiError(xhr.status, 'bad_response', 'The server answered in an unexpected shape; reload the page.'));
      resolve(exhibit.data);
    };
    const form = new FormData();
    form.append('file', opts.file, opts.file.name);
    for (const [k, v] of Object.entries(opts.fields ?? {})) if (v !== undefined && v !== '') form.append(k, v);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
