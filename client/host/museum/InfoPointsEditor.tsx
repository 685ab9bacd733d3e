import { useEffect, useId, useRef, useState } from 'react';
import type { ModelCamera } from '@protocol';
import { describeError } from '../describeError.ts';
import { NumberField } from '../NumberField.tsx';
import type { InfoPointDraft } from './exhibitDraft.ts';
import { moveItem } from './moveItem.ts';
import { useMuseumMessages } from './useMuseumMessages.ts';

/**
 * The info points as an ordered list of forms — their order is their number on the model.
 * Everything the preview does by pointer is here by keyboard: coordinates, move up/down.
 */
export function InfoPointsEditor({
  points,
  savedIds,
  problems,
  selected,
  focusRequest,
  onSelect,
  onChange,
  onAdd,
  cameraNow,
  onAttach,
}: {
  points: InfoPointDraft[];
  /** Points the server has (media can be attached to those only). */
  savedIds: Set<string>;
  /** Paths of fields that must be filled in ("infoPoints.2.title"). */
  problems: Set<string>;
  selected: string | null;
  /** Bumped when a point should take focus (a click on the model added or chose it). */
  focusRequest: { id: string; n: number } | null;
  onSelect: (id: string) => void;
  onChange: (points: InfoPointDraft[]) => void;
  onAdd: () => void;
  /** The preview's camera now, or null while it has none. */
  cameraNow: () => ModelCamera | null;
  onAttach: (pointId: string, kind: 'image' | 'audio', file: File) => Promise<void>;
}) {
  const { mm } = useMuseumMessages();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!focusRequest) return;
    const input = list.current?.querySelector<HTMLElement>(`[data-point-row="${CSS.escape(focusRequest.id)}"] input`);
    input?.focus({ preventScroll: true });
    input?.scrollIntoView({ block: 'nearest' });
  }, [focusRequest]);

  const set = (i: number, p: InfoPointDraft) => onChange(points.map((x, j) => (j === i ? p : x)));
  return (
    <>
      {points.length === 0 ? (
        <p className="empty-state host-empty-small">{mm.noInfoPoints}</p>
      ) : (
        <ol className="host-point-list" ref={list}>
          {points.map((p, i) => (
            <PointRow
              key={p.id}
              point={p}
              index={i}
              count={points.length}
              saved={savedIds.has(p.id)}
              titleMissing={problems.has(`infoPoints.${i}.title`)}
              selected={selected === p.id}
              onSelect={() => selected !== p.id && onSelect(p.id)}
              onChange={(next) => set(i, next)}
              onMove={(delta) => onChange(moveItem(points, i, delta))}
              onRemove={() => onChange(points.filter((x) => x.id !== p.id))}
              cameraNow={cameraNow}
              onAttach={(kind, file) => onAttach(p.id, kind, file)}
            />
          ))}
        </ol>
      )}
      <button type="button" className="host-small" onClick={onAdd}>
        {mm.addPoint}
      </button>
    </>
  );
}

function PointRow({
  point: p,
  index: i,
  count,
  saved,
  titleMissing,
  selected,
  onSelect,
  onChange,
  onMove,
  onRemove,
  cameraNow,
  onAttach,
}: {
  point: InfoPointDraft;
  index: number;
  count: number;
  saved: boolean;
  titleMissing: boolean;
  selected: boolean;
  onSelect: () => void;
  onChange: (p: InfoPointDraft) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  cameraNow: () => ModelCamera | null;
  onAttach: (kind: 'image' | 'audio', file: File) => Promise<void>;
}) {
  const { mm } = useMuseumMessages();
  const id = useId();
  const n = i + 1;
  const [note, setNote] = useState<string | null>(null);
  const text = (key: 'title' | 'titleZh' | 'text' | 'textZh', label: string) => {
    const props = {
      id: `${id}-${key}`,
      value: p[key],
      lang: key.endsWith('Zh') ? 'zh-CN' : 'en',
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange({ ...p, [key]: e.target.value }),
    };
    return (
      <div className="host-field">
        <label htmlFor={props.id}>{label}</label>
        {key.startsWith('text') ? (
          <textarea {...props} rows={3} maxLength={2000} />
        ) : (
          <input
            {...props}
            type="text"
            maxLength={80}
            autoComplete="off"
            data-path={key === 'title' ? `infoPoints.${i}.title` : undefined}
            aria-invalid={key === 'title' ? titleMissing : undefined}
            aria-describedby={key === 'title' && titleMissing ? `${id}-err` : undefined}
          />
        )}
        {key === 'title' && titleMissing && (
          <span className="host-field-error" id={`${id}-err`}>
            {mm.required}
          </span>
        )}
      </div>
    );
  };
  const axis = (k: 0 | 1 | 2, label: string) => (
    <NumberField
      id={`${id}-p${k}`}
      label={label}
      value={p.position[k]}
      onChange={(v) => {
        const position = [...p.position] as InfoPointDraft['position'];
        position[k] = v;
        // A typed position has no known surface normal any more.
        onChange({ ...p, position, normal: undefined });
      }}
    />
  );
  return (
    <li data-point-row={p.id} className={selected ? 'selected' : ''} onFocusCapture={onSelect}>
      <fieldset>
        <legend>
          <span className="host-point-num" aria-hidden="true">
            {n}
          </span>
          {mm.pointN(n)}
          {p.title.trim() ? `: ${p.title.trim()}` : ''}
        </legend>
        <div className="host-pair host-pair-wide">
          {text('title', mm.pointTitleEn)}
          {text('titleZh', mm.pointTitleZh)}
        </div>
        <div className="host-pair host-pair-wide">
          {text('text', mm.pointTextEn)}
          {text('textZh', mm.pointTextZh)}
        </div>
        <fieldset className="host-xyz">
          <legend>{mm.position}</legend>
          {axis(0, 'x')}
          {axis(1, 'y')}
          {axis(2, 'z')}
        </fieldset>
        <p className="host-hint">{p.camera ? mm.hasCamera : mm.noCamera}</p>
        <div className="host-actions">
          <button
            type="button"
            className="host-small"
            onClick={() => {
              const camera = cameraNow();
              if (!camera) return;
              onChange({ ...p, camera });
              setNote(mm.cameraSet);
            }}
          >
            {mm.setCamera}
          </button>
          {p.camera && (
            <button type="button" className="host-small" onClick={() => onChange({ ...p, camera: undefined })}>
              {mm.clearCamera}
            </button>
          )}
        </div>
        {note && (
          <p className="host-ok" role="status">
            {note}
          </p>
        )}
        <div className="host-point-media">
          <MediaField kind="image" url={p.imageUrl} enabled={saved} onAttach={onAttach} />
          <MediaField kind="audio" url={p.audioUrl} enabled={saved} onAttach={onAttach} />
          {!saved && <p className="host-hint">{mm.mediaNeedsSave}</p>}
        </div>
        <div className="host-actions">
          <button type="button" className="host-small" disabled={i === 0} onClick={() => onMove(-1)} aria-label={mm.moveUpNamed(n)}>
            ↑ {mm.moveUp}
          </button>
          <button type="button" className="host-small" disabled={i === count - 1} onClick={() => onMove(1)} aria-label={mm.moveDownNamed(n)}>
            ↓ {mm.moveDown}
          </button>
          <button type="button" className="host-small danger" onClick={onRemove} aria-label={mm.removePointNamed(n)}>
            {mm.removePoint}
          </button>
        </div>
      </fieldset>
    </li>
  );
}

/** An info point's image or audio: what is attached, and a file input to attach or replace it. */
function MediaField({ kind, url, enabled, onAttach }: { kind: 'image' | 'audio'; url?: string; enabled: boolean; onAttach: (kind: 'image' | 'audio', file: File) => Promise<void> }) {
  const { m, mm } = useMuseumMessages();
  const id = useId();
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: boolean }>({ busy: false, message: null, error: false });
  const label = kind === 'image' ? (url ? mm.replaceImage : mm.attachImage) : url ? mm.replaceAudio : mm.attachAudio;
  return (
    <div className="host-media">
      <span className="host-media-kind">{kind === 'image' ? mm.image : mm.audio}</span>
      {url && (kind === 'image' ? <img src={url} alt="" className="host-media-thumb" /> : <audio src={url} controls preload="none" />)}
      <label htmlFor={id} className={`button host-small host-file-button${enabled && !state.busy ? '' : ' disabled'}`}>
        {state.busy ? mm.mediaUploading : label}
      </label>
      <input
        id={id}
        className="sr-only"
        type="file"
        accept={kind === 'image' ? 'image/jpeg,image/png,image/webp' : 'audio/mpeg,audio/mp4,audio/aac,audio/ogg,.mp3,.m4a,.aac,.ogg'}
        disabled={!enabled || state.busy}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          setState({ busy: true, message: null, error: false });
          onAttach(kind, f).then(
            () => setState({ busy: false, message: mm.mediaAttached, error: false }),
            (err: unknown) => setState({ busy: false, message: describeError(m, err), error: true }),
          );
        }}
      />
      {state.message && (
        <span className={state.error ? 'host-error' : 'host-ok'} role={state.error ? 'alert' : 'status'}>
          {state.message}
        </span>
      )}
    </div>
  );
}
