import { describe, expect, it } from 'vitest';
import { HostApiError } from '../../../client/host/HostApiError.ts';
import { uploadScene, type UploadXhr } from '../../../client/host/uploadScene.ts';
import { sampleScene } from './sampleScene.ts';

class FakeXhr implements UploadXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  aborted = false;
  upload: UploadXhr['upload'] = { onprogress: null, onload: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

const photo = new File([new Uint8Array(2048)], 'Living room.jpg', { type: 'image/jpeg' });

describe('uploadScene (XHR, for upload progress)', () => {
  it('posts multipart photo + name with the token, reports progress then processing, resolves with the room', async () => {
    const xhr = new FakeXhr();
    const events: string[] = [];
    const up = uploadScene({
      url: '/api/host/places/p/scenes',
      token: 'tok',
      file: photo,
      name: 'Living',
      replace: true,
      onProgress: (l, t) => events.push(`${l}/${t}`),
      onProcessing: () => events.push('processing'),
      createXhr: () => xhr,
    });
    expect([xhr.method, xhr.url, xhr.headers.authorization]).toEqual(['POST', '/api/host/places/p/scenes', 'Bearer tok']);
    expect((xhr.body!.get('photo') as File).name).toBe('Living room.jpg');
    expect(xhr.body!.get('name')).toBe('Living');
    expect(xhr.body!.get('replace')).toBe('true');
    xhr.upload.onprogress!({ loaded: 1024, total: 2048, lengthComputable: true });
    xhr.upload.onload!();
    xhr.respond(201, sampleScene('living'));
    expect((await up.done).id).toBe('living');
    expect(events).toEqual(['1024/2048', 'processing']);
  });

  it("rejects with the server's code and sentence", async () => {
    const xhr = new FakeXhr();
    const up = uploadScene({ url: '/u', token: 't', file: photo, createXhr: () => xhr });
    xhr.respond(422, { error: 'not-equirect', message: 'Vantage: pano.jpg is 3000×1000, not a 2:1 equirectangular panorama.' });
    const err = (await up.done.catch((e) => e)) as HostApiError;
    expect(err).toBeInstanceOf(HostApiError);
    expect([err.status, err.code, err.message]).toEqual([422, 'not-equirect', 'Vantage: pano.jpg is 3000×1000, not a 2:1 equirectangular panorama.']);
  });

  it('a proxy error page, a dropped connection and a cancel each give a clear error', async () => {
    const a = new FakeXhr();
    const up1 = uploadScene({ url: '/u', token: 't', file: photo, createXhr: () => a });
    a.respond(502, '<html>Bad gateway</html>');
    expect(await up1.done.catch((e: HostApiError) => [e.status, e.code])).toEqual([502, 'http_error']);
    const b = new FakeXhr();
    const up2 = uploadScene({ url: '/u', token: 't', file: photo, createXhr: () => b });
    b.onerror!();
    expect(await up2.done.catch((e: HostApiError) => e.code)).toBe('offline');
    const c = new FakeXhr();
    const up3 = uploadScene({ url: '/u', token: 't', file: photo, createXhr: () => c });
    up3.abort();
    expect(c.aborted).toBe(true);
    expect(await up3.done.catch((e: HostApiError) => e.code)).toBe('aborted');
  });
});
