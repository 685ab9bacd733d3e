import { describe, expect, it } from 'vitest';
import type { Scene } from '@protocol';
import { HostApiError } from '../../../client/host/HostApiError.ts';
import { UploadQueue, type StartUpload } from '../../../client/host/UploadQueue.ts';
import { sampleScene } from './sampleScene.ts';

/** An uploader the test drives by hand: progress, processing, then success or an API error. */
function fakeUploads() {
  const jobs: {
    file: File;
    replace: boolean;
    on: Parameters<StartUpload<Scene>>[2];
    resolve: (s: Scene) => void;
    reject: (e: unknown) => void;
    aborted: boolean;
  }[] = [];
  const start: StartUpload<Scene> = (file, opts, on) => {
    let resolve!: (s: Scene) => void, reject!: (e: unknown) => void;
    const done = new Promise<Scene>((a, b) => ((resolve = a), (reject = b)));
    const job = { file, replace: opts.replace, on, resolve, reject, aborted: false };
    jobs.push(job);
    return {
      done,
      abort: () => {
        job.aborted = true;
        reject(new HostApiError(0, 'aborted', 'cancelled'));
      },
    };
  };
  return { jobs, start };
}
const file = (name: string, size = 1000) => new File([new Uint8Array(size)], name, { type: 'image/jpeg' });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('UploadQueue', () => {
  it('uploads several files, at most two at a time, each with its own progress and processing state', async () => {
    const { jobs, start } = fakeUploads();
    const uploaded: string[] = [];
    const q = new UploadQueue(start, { concurrency: 2 });
    q.onUploaded((s) => uploaded.push(s.id));
    let changes = 0;
    q.subscribe(() => changes++);
    q.add([file('hall.jpg'), file('kitchen.jpg'), file('bath.jpg')]);
    expect(jobs.map((j) => j.file.name)).toEqual(['hall.jpg', 'kitchen.jpg']);
    expect(q.items.map((i) => i.state)).toEqual(['uploading', 'uploading', 'queued']);
    expect(q.busy).toBe(true);

    jobs[0].on.progress(250, 1000);
    expect(q.items[0]).toMatchObject({ loaded: 250, total: 1000, state: 'uploading' });
    jobs[0].on.processing();
    expect(q.items[0].state).toBe('processing');
    jobs[0].resolve(sampleScene('hall'));
    await tick();
    expect(q.items[0]).toMatchObject({ state: 'done', resultId: 'hall' });
    expect(uploaded).toEqual(['hall']);
    // A slot freed: the third file starts.
    expect(jobs.map((j) => j.file.name)).toEqual(['hall.jpg', 'kitchen.jpg', 'bath.jpg']);
    expect(changes).toBeGreaterThan(4);
    expect(q.getSnapshot()).toBe(q.items); // stable between changes, as useSyncExternalStore needs
  });

  it("keeps each file's own error sentence; Replace retries the same file with replace=true", async () => {
    const { jobs, start } = fakeUploads();
    const q = new UploadQueue(start);
    q.add([file('hall.jpg'), file('notes.txt')]);
    jobs[0].reject(new HostApiError(409, 'name_taken', 'This place already has a room named "hall"; rename the photo or replace that room.'));
    jobs[1].reject(new HostApiError(415, 'not-image', 'Vantage: notes.txt is not a JPEG, PNG or WebP photo.'));
    await tick();
    expect(q.items.map((i) => [i.state, i.error?.code])).toEqual([
      ['error', 'name_taken'],
      ['error', 'not-image'],
    ]);
    expect(q.items[1].error?.message).toContain('notes.txt');
    q.retry(q.items[0].id, true);
    expect(jobs[2]).toMatchObject({ replace: true });
    expect(jobs[2].file.name).toBe('hall.jpg');
    expect(q.items[0].state).toBe('uploading');
    q.clearFinished();
    expect(q.items.map((i) => i.fileName)).toEqual(['hall.jpg']);
  });

  it('cancelling aborts the request and drops the row; dispose aborts everything', async () => {
    const { jobs, start } = fakeUploads();
    const q = new UploadQueue(start, { concurrency: 1 });
    q.add([file('a.jpg'), file('b.jpg'), file('c.jpg')]);
    q.cancel(q.items[2].id); // still queued: just removed
    expect(q.items.map((i) => i.fileName)).toEqual(['a.jpg', 'b.jpg']);
    q.cancel(q.items[0].id);
    await tick();
    expect(jobs[0].aborted).toBe(true);
    expect(q.items.map((i) => [i.fileName, i.state])).toEqual([['b.jpg', 'uploading']]);
    q.dispose();
    expect(jobs[1].aborted).toBe(true);
  });
});
