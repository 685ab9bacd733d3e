import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Exhibit } from '@protocol';
import { useHost } from '../HostContext.ts';
import { formatBytes } from './formatBytes.ts';
import { modelQueueFor, type ModelRole } from './modelQueueFor.ts';
import type { UploadItem, UploadQueue } from '../UploadQueue.ts';
import { useMuseumMessages } from './useMuseumMessages.ts';

const ACCEPT = '.glb,.gltf,model/gltf-binary,model/gltf+json';

/**
 * Drop or pick GLB/glTF files: each gets a progress bar with its percent while its bytes go
 * up, then an indeterminate bar while the server validates and optimises it, then "added"
 * or the server's one-sentence reason it was refused.
 */
export function ExhibitUploader({ placeId, hasSite, onUploaded }: { placeId: string; hasSite: boolean; onUploaded: (e: Exhibit) => void }) {
  const { mm } = useMuseumMessages();
  const { api } = useHost();
  const inputId = useId();
  const roleId = useId();
  const [over, setOver] = useState(false);
  const [role, setRole] = useState<ModelRole>('exhibit');
  const roleRef = useRef(role);
  roleRef.current = role;
  const onUploadedRef = useRef(onUploaded);
  onUploadedRef.current = onUploaded;
  const queue = useMemo(() => modelQueueFor(api, placeId, () => roleRef.current), [api, placeId]);
  useEffect(
    () =>
      queue.onUploaded((e) => {
        // One site model per museum: the next upload is an exhibit again.
        if (e.role === 'site') setRole('exhibit');
        onUploadedRef.current(e);
      }),
    [queue],
  );
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const finished = items.some((i) => i.state === 'done' || i.state === 'error');

  return (
    <div className="host-uploader">
      <div className="host-field host-museum-role">
        <label htmlFor={roleId}>{mm.uploadAs}</label>
        <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as ModelRole)}>
          <option value="exhibit">{mm.roleExhibit}</option>
          <option value="site" disabled={hasSite}>
            {mm.roleSite}
          </option>
        </select>
      </div>
      <div
        className={over ? 'host-dropzone over' : 'host-dropzone'}
        data-testid="exhibit-dropzone"
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
          <span className="host-drop-text">{mm.dropModels} </span>
          <label htmlFor={inputId} className="button host-file-button">
            {mm.chooseModels}
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
        <p className="host-pick-hint">{mm.modelHint}</p>
        {over && (
          <p className="host-drop-cue" aria-hidden="true">
            {mm.dropHere}
          </p>
        )}
      </div>
      {items.length > 0 && (
        <ul className="host-uploads" aria-label={mm.uploadsLabel}>
          {items.map((item) => (
            <ModelUploadRow key={item.id} item={item} queue={queue} />
          ))}
        </ul>
      )}
      {finished && (
        <button type="button" className="host-small" onClick={() => queue.clearFinished()}>
          {mm.clearFinished}
        </button>
      )}
    </div>
  );
}

function ModelUploadRow({ item, queue }: { item: UploadItem; queue: UploadQueue<Exhibit> }) {
  const { mm } = useMuseumMessages();
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
        {/* Progress is read from the bar; the outcome is announced once. */}
        <span className="host-upload-status" role={item.state === 'error' ? 'alert' : item.state === 'done' ? 'status' : undefined}>
          {item.state === 'queued'
            ? mm.queued
            : item.state === 'uploading'
              ? mm.uploadingPct(pct)
              : item.state === 'processing'
                ? mm.processing
                : item.state === 'done'
                  ? mm.uploaded
                  : `${mm.uploadFailed} ${item.error?.message ?? ''}`}
        </span>
        <span className="host-upload-actions">
          {(item.state === 'queued' || item.state === 'uploading') && (
            <button type="button" className="host-small" onClick={() => queue.cancel(item.id)}>
              {mm.cancelUpload}
            </button>
          )}
          {item.state === 'error' && (item.error?.code === 'offline' || item.error?.code === 'internal') && (
            <button type="button" className="host-small" onClick={() => queue.retry(item.id)}>
              {mm.retry}
            </button>
          )}
          {(item.state === 'error' || item.state === 'done') && (
            <button type="button" className="host-small" onClick={() => queue.remove(item.id)} aria-label={`${mm.dismiss}: ${item.fileName}`}>
              {mm.dismiss}
            </button>
          )}
        </span>
      </div>
    </li>
  );
}
