import { describe, expect, it } from 'vitest';
import { HostApiError } from '../../../../client/host/HostApiError.ts';
import { uploadModel } from '../../../../client/host/museum/uploadModel.ts';
import type { UploadXhr } from '../../../../client/host/uploadScene.ts';
import { sampleExhibit } from './sampleExhibit.ts';

class FakeXhr implements UploadXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
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
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const model = new File([new Uint8Array(4096)], 'ding.glb');

describe('uploadModel (XHR, for upload progress)', () => {
  it('posts multipart file + fields with the token, reports progress then processing, resolves with the exhibit', async () => {
    const xhr = new FakeXhr();
    const events: string[] = [];
    const up = uploadModel({
      method: 'POST',
      url: '/api/host/places/m/exhibits',
      token: 'tok',
      file: model,
      fields: { title: 'ding', role: 'site', titleZh: '' },
      onProgress: (l, t) => events.push(`${l}/${t}`),
      onProcessing: () => events.push('processing'),
      createXhr: () => xhr,
    });
    expect([xhr.method, xhr.url, xhr.headers.authorization]).toEqual(['POST', '/api/host/places/m/exhibits', 'Bearer tok']);
    expect((xhr.body!.get('file') as File).name).toBe('ding.glb');
    expect([xhr.body!.get('title'), xhr.body!.get('role'), xhr.body!.has('titleZh')]).toEqual(['ding', 'site', false]);
    xhr.upload.onprogress!({ loaded: 1024, total: 4096, lengthComputable: true });
    xhr.upload.onload!();
    xhr.respond(201, sampleExhibit());
    expect((await up.done).id).toBe('bronze-ding');
    expect(events).toEqual(['1024/4096', 'processing']);
  });

  it("rejects with the server's one sentence for a refused model, and with aborted when cancelled", async () => {
    const xhr = new FakeXhr();
    const up = uploadModel({ method: 'PUT', url: '/x/model', token: 't', file: model, createXhr: () => xhr });
    expect(xhr.method).toBe('PUT');
    xhr.respond(422, { error: 'bad_model', message: '"ding.glb" is not a glTF model.' });
    await expect(up.done).rejects.toMatchObject({ status: 422, code: 'bad_model', message: '"ding.glb" is not a glTF model.' });
    const x2 = new FakeXhr();
    const up2 = uploadModel({ method: 'POST', url: '/x', token: 't', file: model, createXhr: () => x2 });
    up2.abort();
    await expect(up2.done).rejects.toBeInstanceOf(HostApiError);
    await expect(up2.done).rejects.toMatchObject({ code: 'aborted' });
  });
});
