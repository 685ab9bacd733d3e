import { describe, expect, it } from 'vitest';
import type { Exhibit } from '@protocol';
import { HostApiError } from '../../../../client/host/HostApiError.ts';
import { UploadQueue, type StartUpload } from '../../../../client/host/UploadQueue.ts';
import { sampleExhibit } from './sampleExhibit.ts';

function fakeUploads() {
  const jobs: { file: File; on: Parameters<StartUpload<Exhibit>>[2]; resolve: (e: Exhibit) => void; reject: (e: unknown) => void }[] = [];
  const start: StartUpload<Exhibit> = (file, _opts, on) => {
    let resolve!: (e: Exhibit) => void, reject!: (e: unknown) => void;
    const done = new Promise<Exhibit>((a, b) => ((resolve = a), (reject = b)));
    jobs.push({ file, on, resolve, reject });
    return { done, abort: () => reject(new HostApiError(0, 'aborted', 'cancelled')) };
  };
  return { jobs, start };
}
const glb = (name: string, size = 1000) => new File([new Uint8Array(size)], name);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('model uploads (the upload queue, one at a time)', () => {
  it('uploads one model at a time: progress, processing, then done with the exhibit it became', async () => {
    const { jobs, start } = fakeUploads();
    const q = new UploadQueue<Exhibit>(start, { concurrency: 1, idPrefix: 'm' });
    const uploaded: string[] = [];
    q.onUploaded((e) => uploaded.push(e.id));
    q.add([glb('a.glb'), glb('b.glb')]);
    expect(jobs.length).toBe(1);
    expect(q.getSnapshot().map((i) => i.state)).toEqual(['uploading', 'queued']);
    jobs[0].on.progress(400, 1000);
    expect(q.getSnapshot()[0]).toMatchObject({ loaded: 400, total: 1000 });
    jobs[0].on.processing();
    expect(q.getSnapshot()[0].state).toBe('processing');
    expect(q.busy).toBe(true);
    jobs[0].resolve(sampleExhibit({ id: 'a' }));
    await tick();
    expect(q.getSnapshot()[0]).toMatchObject({ state: 'done', resultId: 'a' });
    expect(uploaded).toEqual(['a']);
    expect(jobs.length).toBe(2);
    expect(q.getSnapshot()[1].state).toBe('uploading');
  });

  it("keeps the server's sentence for a refused model and moves on; retry and dismiss work", async () => {
    const { jobs, start } = fakeUploads();
    const q = new UploadQueue<Exhibit>(start, { concurrency: 1, idPrefix: 'm' });
    q.add([glb('evil.glb'), glb('ok.glb')]);
    jobs[0].reject(new HostApiError(422, 'bad_model', '"evil.glb" is not a glTF model: its first bytes are not "glTF".'));
    await tick();
    expect(q.getSnapshot()[0]).toMatchObject({ state: 'error', error: { code: 'bad_model', message: '"evil.glb" is not a glTF model: its first bytes are not "glTF".' } });
    expect(jobs.length).toBe(2);
    jobs[1].reject(new HostApiError(0, 'offline', 'gone'));
    await tick();
    q.retry(q.getSnapshot()[1].id);
    expect(jobs.length).toBe(3);
    q.remove(q.getSnapshot()[0].id);
    expect(q.getSnapshot().map((i) => i.fileName)).toEqual(['ok.glb']);
  });

  it('cancelling removes the file and starts the next', async () => {
    const { jobs, start } = fakeUploads();
    const q = new UploadQueue<Exhibit>(start, { concurrency: 1, idPrefix: 'm' });
    q.add([glb('a.glb'), glb('b.glb')]);
    q.cancel(q.getSnapshot()[0].id);
    await tick();
    expect(q.getSnapshot().map((i) => [i.fileName, i.state])).toEqual([['b.glb', 'uploading']]);
    expect(jobs.length).toBe(2);
  });
});
