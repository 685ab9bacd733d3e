import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { Scene } from '@protocol';
import { useHost } from './HostContext.ts';
import { uploadQueueFor } from './uploadQueueFor.ts';
import type { UploadItem, UploadQueue } from './UploadQueue.ts';
import { useHostMessages } from './useHostMessages.ts';

const ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';

/**
 * Drop or pick several 360° photos; each gets a progress bar while its bytes go up, then an
 * indeterminate "processing" bar while the server tiles it, then "added" or the server's
 * one-sentence reason (with Replace when a room of that name exists).
 */
export function RoomUploader({ placeId, onUploaded }: { placeId: string; onUploaded: (scene: Scene) => void }) {
  const { m } = useHostMessages();
  const { api } = useHost();
  const inputId = useId();
  const [over, setOver] = useState(false);
  const onUploadedRef = useLatest(onUploaded);
  // Outlives this page: leaving it does not cancel uploads (see uploadQueueFor).
  const queue = useMemo(() => uploadQueueFor(api, placeId), [api, placeId]);
  useEffect(() => queue.onUploaded((s) => onUploadedRef.current(s)), [queue, onUploadedRef]);
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const finished = items.some((i) => i.state === 'done' || i.state === 'error');

  return (
    <div className="host-uploader">
      <div
        className={over ? 'host-dropzone over' : 'host-dropzone'}
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (e.dataTransfer.files.length) queue.add(e.dataTransfer.files);
        }}
      >
        <p>
          <span className="host-drop-text">{m.dropHint} </span>
          <label htmlFor={inputId} className="button host-file-button">
            {m.choosePhotos}
          </label>
          <input
            id={inputId}
            className="sr-only"
            type="file"
            multiple
            accept={ACCEPT}
            onChange={(e) => {
              if (e.target.files?.length) queue.add(e.target.files);
              e.target.value = '';
            }}
          />
        </p>
        <p className="host-pick-hint">{m.pickHint}</p>
        {over && (
          <p className="host-drop-cue" aria-hidden="true">
            {m.dropHere}
          </p>
        )}
      </div>
      {items.length > 0 && (
        <ul className="host-uploads" aria-label={m.uploadsLabel}>
          {items.map((item) => (
            <UploadRow key={item.id} item={item} queue={queue} />
          ))}
        </ul>
      )}
      {finished && (
        <button type="button" className="host-small" onClick={() => queue.clearFinished()}>
          {m.clearFinished}
        </button>
      )}
    </div>
  );
}

function UploadRow({ item, queue }: { item: UploadItem; queue: UploadQueue<Scene> }) {
  const { m } = useHostMessages();
  const labelId = useId();
  const pct = item.total > 0 ? Math.min(100, Math.round((item.loaded / item.total) * 100)) : 0;
  return (
    <li className={`host-upload ${item.state}`} data-state={item.state}>
      <div className="host-upload-head">
        <span className="host-upload-name" id={labelId}>
          {item.fileName}
        </span>
        <span className="host-upload-size">{formatBytes(item.size)}</span>
      </div>
      {(item.state === 'uploading' || item.state === 'queued') && <progress aria-labelledby={labelId} max={100} value={pct} />}
      {item.state === 'processing' && <progress aria-labelledby={labelId} />}
      <div className="host-upload-foot">
        <span className="host-upload-status" role={item.state === 'error' ? 'alert' : undefined}>
          {item.state === 'queued'
            ? m.queued
            : item.state === 'uploading'
            ? m.uploadingPct(pct)
            : item.state === 'processing'
              ? m.processing
              : item.state === 'done'
                ? m.uploaded
                : `${m.uploadFailed} ${item.error?.message ?? ''}`}
        </span>
        <span className="host-upload-actions">
          {(item.state === 'queued' || item.state === 'uploading') && (
            <button type="button" className="host-small" onClick={() => queue.cancel(item.id)}>
              {m.cancelUpload}
            </button>
          )}
          {item.state === 'error' && item.error?.code === 'name_taken' && (
            <button type="button" className="host-small" onClick={() => queue.retry(item.id, true)}>
              {m.replaceRoom}
            </button>
          )}
          {item.state === 'error' && (item.error?.code === 'offline' || item.error?.code === 'internal') && (
            <button type="button" className="host-small" onClick={() => queue.retry(item.id)}>
              {m.retry}
            </button>
          )}
          {(item.state === 'error' || item.state === 'done') && (
            <button type="button" className="host-small" onClick={() => queue.remove(item.id)} aria-label={`${m.dismiss}: ${item.fileName}`}>
              {m.dismiss}
            </button>
          )}
        </span>
      </div>
    </li>
  );
}

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A ref that always holds the latest value (callbacks from long-lived objects read it). */
function useLatest<T>(value: T) {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}
