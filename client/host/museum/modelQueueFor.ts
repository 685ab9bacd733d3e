import type { Exhibit } from '@protocol';
import type { HostApi } from '../HostApi.ts';
import { UploadQueue } from '../UploadQueue.ts';
import { warnWhileBusy } from '../warnWhileBusy.ts';
import { titleFromFileName } from './titleFromFileName.ts';
import { uploadModel } from './uploadModel.ts';

const queues = new Map<string, UploadQueue<Exhibit>>();

/** What a new upload becomes: an exhibit, or the museum's site model (the sand table). */
export type ModelRole = 'exhibit' | 'site';

/**
 * The model-upload queue of one museum, kept for the whole console visit (leaving the page
 * does not cancel a 40 MB upload); closing the tab while one is in flight asks first.
 * `role` is read when each file starts, so the "upload as" choice applies to what is queued next.
 */
export function modelQueueFor(api: HostApi, placeId: string, role: () => ModelRole): UploadQueue<Exhibit> {
  const key = `${api.token}\n${placeId}`;
  const found = queues.get(key);
  if (found) {
    roles.set(found, role);
    return found;
  }
  const q: UploadQueue<Exhibit> = new UploadQueue<Exhibit>(
    (file, _opts, on) =>
    uploadModel({
      method: 'POST',
      url: api.exhibitsUrl(placeId),
      token: api.token,
      file,
      fields: { title: titleFromFileName(file.name), role: roles.get(q)?.() ?? 'exhibit' },
      onProgress: on.progress,
      onProcessing: on.processing,
    }),
    // One at a time: optimising a model keeps a server core busy for seconds.
    { concurrency: 1, idPrefix: 'm' },
  );
  roles.set(q, role);
  warnWhileBusy(q);
  queues.set(key, q);
  return q;
}

const roles = new WeakMap<UploadQueue<Exhibit>, () => ModelRole>();

