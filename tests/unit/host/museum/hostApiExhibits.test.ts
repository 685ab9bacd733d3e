import { describe, expect, it } from 'vitest';
import { HostApi } from '../../../../client/host/HostApi.ts';
import { sampleExhibit } from './sampleExhibit.ts';

function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

describe('HostApi: exhibits', () => {
  it('PATCHes an exhibit as JSON and reads back the exhibit', async () => {
    const { calls, fetchImpl } = fakeFetch(200, sampleExhibit({ title: 'Ding' }));
    const api = new HostApi('tok', { fetch: fetchImpl });
    const e = await api.patchExhibit('old town', 'bronze-ding', { title: 'Ding', hall: null });
    expect(e.title).toBe('Ding');
    expect(calls[0].url).toBe('/api/host/places/old%20town/exhibits/bronze-ding');
    expect(calls[0].init.method).toBe('PATCH');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ title: 'Ding', hall: null });
  });

  it('sends an info point image as multipart (the browser sets the boundary), and deletes', async () => {
    const { calls, fetchImpl } = fakeFetch(200, sampleExhibit());
    const api = new HostApi('tok', { fetch: fetchImpl });
    await api.uploadExhibitMedia('m', 'bronze-ding', 'p1', 'image', new File([new Uint8Array(4)], 'hat.png', { type: 'image/png' }));
    const form = calls[0].init.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect([form.get('infoPoint'), form.get('kind'), (form.get('file') as File).name]).toEqual(['p1', 'image', 'hat.png']);
    expect((calls[0].init.headers as Record<string, string>)['content-type']).toBeUndefined();
    const del = fakeFetch(204, null);
    await new HostApi('tok', { fetch: del.fetchImpl }).deleteExhibit('m', 'bronze-ding');
    expect([del.calls[0].init.method, del.calls[0].url]).toEqual(['DELETE', '/api/host/places/m/exhibits/bronze-ding']);
  });
});
