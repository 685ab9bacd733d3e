import type { Scene } from '@protocol';
import type { HostApi } from './HostApi.ts';
import { uploadScene } from './uploadScene.ts';
import { UploadQueue } from './UploadQueue.ts';
import { warnWhileBusy } from './warnWhileBusy.ts';

const queues = new Map<string, UploadQueue<Scene>>();

/**
 * The upload queue of one place, kept for the whole visit to the console: a host may
 * start ten photos and go place hotspots in the first room meanwhile; coming back shows
 * the same progress. Closing the tab while any is in flight asks first.
 */
export function uploadQueueFor(api: HostApi, placeId: string): UploadQueue<Scene> {
  const key = `${api.token}\n${placeId}`;
  let queue = queues.get(key);
  if (queue) return queue;
  const q = new UploadQueue<Scene>((file, opts, on) =>
    uploadScene({ url: api.scenesUrl(placeId), token: api.token, file, replace: opts.replace, onProgress: on.progress, onProcessing: on.processing }),
  );
  warnWhileBusy(q);
  queues.set(key, (queue = q));
  return queue;
}
