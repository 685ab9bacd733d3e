import { describe, expect, it } from 'vitest';
import { HostApi, signIn } from '../../../client/host/HostApi.ts';
import { HostApiError } from '../../../client/host/HostApiError.ts';
import { sampleScene } from './sampleScene.ts';

function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { f, calls };
}

describe('HostApi', () => {
  it('sends the bearer token and JSON, and validates the answer', async () => {
    const { f, calls } = fakeFetch(200, sampleScene('hall'));
    const api = new HostApi('tok', { fetch: f });
    const scene = await api.patchScene('my place', 'hall', { north: 12 });
    expect(scene.id).toBe('hall');
    expect(calls[0].url).toBe('/api/host/places/my%20place/scenes/hall');
    expect(calls[0].init.method).toBe('PATCH');
    expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ north: 12 });
  });

  it('an invalid body names its field; the message without the prefix goes next to it', async () => {
    const { f } = fakeFetch(400, { error: 'invalid_body', message: 'price: Too small: expected number to be >=0', field: 'price' });
    const err = (await new HostApi('t', { fetch: f }).createPlace({ kind: 'home', title: 'x' }).catch((e) => e)) as HostApiError;
    expect([err.status, err.code, err.field, err.fieldMessage]).toEqual([400, 'invalid_body', 'price', 'Too small: expected number to be >=0']);
  });

  it('a 401 tells the console to sign in again', async () => {
    const { f } = fakeFetch(401, { error: 'invalid_token', message: 'Your sign-in has expired or is invalid; please sign in again.' });
    let told = 0;
    const err = await new HostApi('old', { fetch: f, onUnauthorized: () => told++ }).places().catch((e) => e);
    expect(told).toBe(1);
    expect((err as HostApiError).code).toBe('invalid_token');
  });

  it('publishing without rooms is a no_rooms error; delete answers nothing', async () => {
    const { f } = fakeFetch(409, { error: 'no_rooms', message: 'Upload at least one room before publishing.' });
    expect(await new HostApi('t', { fetch: f }).patchPlace('p', { published: true }).catch((e: HostApiError) => e.code)).toBe('no_rooms');
    const del = fakeFetch(204, null);
    await expect(new HostApi('t', { fetch: del.f }).deleteScene('p', 's')).resolves.toBeUndefined();
  });

  it('sends a floor-plan image as the raw body with its type', async () => {
    const { f, calls } = fakeFetch(500, { error: 'internal', message: 'Something went wrong on our side; please try again.' });
    const img = new Blob([new Uint8Array([0x89, 0x50])], { type: 'image/png' });
    await new HostApi('t', { fetch: f }).putFloorPlanImage('p', img).catch(() => {});
    expect(calls[0].init.body).toBe(img);
    expect((calls[0].init.headers as Record<string, string>)['content-type']).toBe('image/png');
  });

  it('offline is its own error, not a crash', async () => {
    const f = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await signIn('a@b.c', 'x', f).catch((e: HostApiError) => [e.status, e.code])).toEqual([0, 'offline']);
  });
});
