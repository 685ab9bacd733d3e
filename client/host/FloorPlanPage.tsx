import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { HostPlace } from '@protocol';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { roomName } from '../i18n/useI18n.ts';
import { describeError } from './describeError.ts';
import { useHost } from './HostContext.ts';
import { placePatchFor } from './placePatchFor.ts';
import { HostHeading } from './HostHeading.tsx';
import { HostNotFound } from './HostNotFound.tsx';
import { NumberField } from './NumberField.tsx';
import { hostHref } from './parseHostRoute.ts';
import { planPointFromPointer } from './planPointFromPointer.ts';
import { useHostMessages } from './useHostMessages.ts';
import { useHostPlace } from './useHostPlace.ts';

/** Plans start at this size until the host sets the scale (the server's default too). */
const DEFAULT_PLAN = { width: 10, height: 8 };

/** /host/places/:id/floorplan — the drawing, its scale in metres, and where each room is on it. */
export function FloorPlanPage({ placeId }: { placeId: string }) {
  const { m, t } = useHostMessages();
  const { place, reload, set } = useHostPlace(placeId);
  useTitle(place.state === 'ready' ? `${m.floorPlanTitle} · ${place.data.title}` : m.consoleTitle);
  if (place.state === 'loading') return <LoadingBlock />;
  if (place.state === 'error') {
    if (place.error.status === 404) return <HostNotFound message={m.placeNotFound} />;
    return (
      <div className="error-state" role="alert">
        <p>{describeError(m, place.error)}</p>
        <button type="button" onClick={reload}>
          {t.retry}
        </button>
      </div>
    );
  }
  return <FloorPlanEditor place={place.data} onChange={set} />;
}

type Positions = Record<string, { x: number; y: number }>;

/**
 * Rooms still at the upload default (0, 0) would sit on top of each other in the corner,
 * impossible to grab one by one: they start spread across the middle instead.
 */
function initialPositions(place: HostPlace, plan: { width: number; height: number }): Positions {
  const out: Positions = {};
  const unplaced = place.tour.scenes.filter((s) => s.floor.x === 0 && s.floor.y === 0);
  for (const s of place.tour.scenes) out[s.id] = { ...s.floor };
  if (unplaced.length > 1 || (unplaced.length === 1 && !place.tour.floorPlan))
    unplaced.forEach((s, i) => {
      out[s.id] = { x: round((plan.width * (i + 1)) / (unplaced.length + 1)), y: round(plan.height / 2) };
    });
  return out;
}

function FloorPlanEditor({ place, onChange }: { place: HostPlace; onChange: (p: HostPlace) => void }) {
  const { m, lang } = useHostMessages();
  const { api } = useHost();
  const uid = useId();
  const saved = place.tour.floorPlan ?? { ...DEFAULT_PLAN, rooms: [] };
  const [dims, setDims] = useState({ width: saved.width, height: saved.height });
  const [pos, setPos] = useState<Positions>(() => initialPositions(place, saved));
  const [imageSize, setImageSize] = useState<{ w: number; h: number } | null>(null);
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'saved' } | { kind: 'error'; text: string }>({ kind: 'idle' });
  const [upload, setUpload] = useState<{ kind: 'idle' | 'busy' | 'done' } | { kind: 'error'; text: string }>({ kind: 'idle' });
  const image = place.tour.floorPlan?.image;
  const scenes = place.tour.scenes;

  const dirty =
    !place.tour.floorPlan ||
    dims.width !== saved.width ||
    dims.height !== saved.height ||
    scenes.some((s) => pos[s.id] && (pos[s.id].x !== s.floor.x || pos[s.id].y !== s.floor.y));

  const move = (id: string, p: { x: number; y: number }) => {
    setPos((old) => ({ ...old, [id]: { x: clamp(round(p.x), dims.width), y: clamp(round(p.y), dims.height) } }));
    setStatus({ kind: 'idle' });
  };
  const setDim = (k: 'width' | 'height', v: number) => {
    setDims((d) => ({ ...d, [k]: v }));
    setStatus({ kind: 'idle' });
  };
  // Rooms outside a shrunk plan come back to its edge, where they can be seen and dragged.
  useEffect(() => {
    setPos((old) => {
      const next: Positions = {};
      for (const [id, p] of Object.entries(old)) next[id] = { x: clamp(p.x, dims.width), y: clamp(p.y, dims.height) };
      return next;
    });
  }, [dims.width, dims.height]);

  const uploadImage = async (file: File) => {
    setUpload({ kind: 'busy' });
    try {
      const next = await api.putFloorPlanImage(place.id, file);
      onChange(next);
      setUpload({ kind: 'done' });
    } catch (e) {
      setUpload({ kind: 'error', text: describeError(m, e) });
    }
  };

  const save = async () => {
    if (!(dims.width > 0 && dims.height > 0)) return setStatus({ kind: 'error', text: m.planDimsInvalid });
    setStatus({ kind: 'busy' });
    try {
      let next = place;
      if (!place.tour.floorPlan || dims.width !== saved.width || dims.height !== saved.height) {
        // Room outlines drawn elsewhere (the demo's) are kept; only rooms that still exist.
        const rooms = saved.rooms.filter((r) => scenes.some((s) => s.id === r.sceneId));
        next = await api.patchPlace(place.id, placePatchFor(place, { floorPlan: { width: dims.width, height: dims.height, rooms } }));
      }
      const moved = scenes.filter((s) => pos[s.id] && (pos[s.id].x !== s.floor.x || pos[s.id].y !== s.floor.y));
      const updated = await Promise.all(moved.map((s) => api.patchScene(place.id, s.id, { floor: pos[s.id] })));
      const byId = new Map(updated.map((s) => [s.id, s]));
      next = { ...next, tour: { ...next.tour, scenes: next.tour.scenes.map((s) => byId.get(s.id) ?? s) } };
      onChange(next);
      setStatus({ kind: 'saved' });
    } catch (e) {
      setStatus({ kind: 'error', text: describeError(m, e) });
    }
  };

  const aspect = image && imageSize ? imageSize.w / imageSize.h : null;
  return (
    <>
      <p className="host-crumbs">
        <a href={hostHref({ page: 'place', placeId: place.id })} onClick={onLinkClick}>
          ← {place.title}
        </a>
      </p>
      <HostHeading>{m.floorPlanTitle}</HostHeading>
      {scenes.length === 0 && <p className="empty-state">{m.planNeedsRooms}</p>}
      <div className="host-plan-layout">
        <div>
          <p className="host-hint" id={`${uid}-help`}>
            {m.floorPlanHelp}
          </p>
          <PlanBoard
            image={image}
            dims={dims}
            rooms={scenes.map((s) => ({ id: s.id, name: roomName(lang, s), ...(pos[s.id] ?? s.floor) }))}
            onMove={move}
            onImageSize={setImageSize}
            describedBy={`${uid}-help`}
          />
        </div>
        <div className="host-plan-panel">
          <section aria-labelledby={`${uid}-draw`}>
            <h2 id={`${uid}-draw`}>{m.planDrawing}</h2>
            {!image && <p className="host-hint">{m.noPlanImage}</p>}
            <label className="button host-file-button" htmlFor={`${uid}-file`}>
              {image ? m.replacePlan : m.uploadPlan}
            </label>
            <input
              id={`${uid}-file`}
              className="sr-only"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void uploadImage(f);
              }}
            />
            {upload.kind === 'busy' && <progress aria-label={m.uploadPlan} />}
            <p role="status" className="host-status">
              {upload.kind === 'done' ? m.planUploaded : ''}
            </p>
            {upload.kind === 'error' && (
              <p className="host-error" role="alert">
                {upload.text}
              </p>
            )}
          </section>
          <section aria-labelledby={`${uid}-scale`}>
            <h2 id={`${uid}-scale`}>{m.planScale}</h2>
            <p className="host-hint">{m.planScaleHelp}</p>
            <div className="host-pair">
              <NumberField id={`${uid}-w`} label={m.planWidth} value={dims.width} min={0.5} max={10000} onChange={(v) => setDim('width', v)} />
              <NumberField id={`${uid}-h`} label={m.planHeight} value={dims.height} min={0.5} max={10000} onChange={(v) => setDim('height', v)} />
            </div>
            {aspect && Math.abs(dims.width / dims.height - aspect) > 0.01 && (
              <button type="button" className="host-small" onClick={() => setDim('height', round(dims.width / aspect))}>
                {m.keepProportions}
              </button>
            )}
          </section>
          {scenes.length > 0 && (
            <section aria-labelledby={`${uid}-pos`}>
              <h2 id={`${uid}-pos`}>{m.roomPositions}</h2>
              <ul className="host-plan-rooms">
                {scenes.map((s) => {
                  const p = pos[s.id] ?? s.floor;
                  const name = roomName(lang, s);
                  return (
                    <li key={s.id}>
                      <fieldset>
                        <legend>{name}</legend>
                        <div className="host-pair">
                          <NumberField id={`${uid}-${s.id}-x`} label={m.roomX} value={p.x} min={0} max={dims.width} onChange={(x) => move(s.id, { ...p, x })} />
                          <NumberField id={`${uid}-${s.id}-y`} label={m.roomY} value={p.y} min={0} max={dims.height} onChange={(y) => move(s.id, { ...p, y })} />
                        </div>
                      </fieldset>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          <div className="host-savebar">
            <button type="button" className="primary" onClick={save} disabled={status.kind === 'busy' || !dirty}>
              {status.kind === 'busy' ? m.saving : m.save}
            </button>
            <span role="status" className="host-status">
              {status.kind === 'error' ? '' : dirty ? m.unsaved : status.kind === 'saved' ? m.allSaved : ''}
            </span>
          </div>
          {status.kind === 'error' && (
            <p className="host-error" role="alert">
              {status.text}
            </p>
          )}
        </div>
      </div>
    </>
  );
}

/**
 * The plan drawn to scale: the drawing stretched over width × height metres, a metre grid,
 * and one draggable, focusable marker per room (arrow keys: 10 cm, Shift: 1 m).
 */
function PlanBoard({
  image,
  dims,
  rooms,
  onMove,
  onImageSize,
  describedBy,
}: {
  image?: string;
  dims: { width: number; height: number };
  rooms: { id: string; name: string; x: number; y: number }[];
  onMove: (id: string, p: { x: number; y: number }) => void;
  onImageSize: (s: { w: number; h: number }) => void;
  describedBy: string;
}) {
  const { m } = useHostMessages();
  const board = useRef<HTMLDivElement>(null);
  const drag = useRef<{ id: string; pointerId: number } | null>(null);
  const grid = useMemo(() => {
    // A line per metre, or per 5 / 10 m on large sites, so the grid never turns into a smudge.
    const stepM = Math.max(dims.width, dims.height) > 80 ? 10 : Math.max(dims.width, dims.height) > 30 ? 5 : 1;
    const xs = [], ys = [];
    for (let x = stepM; x < dims.width; x += stepM) xs.push(x);
    for (let y = stepM; y < dims.height; y += stepM) ys.push(y);
    return { xs, ys };
  }, [dims.width, dims.height]);
  const at = (e: React.PointerEvent) => planPointFromPointer(board.current!.getBoundingClientRect(), dims, e.clientX, e.clientY);
  return (
    <div className="host-plan" ref={board} style={{ aspectRatio: `${dims.width} / ${dims.height}` }} data-testid="plan-board">
      {image && <img src={image} alt="" onLoad={(e) => onImageSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })} />}
      <svg viewBox={`0 0 ${dims.width} ${dims.height}`} preserveAspectRatio="none" aria-hidden="true">
        {grid.xs.map((x) => (
          <line key={`x${x}`} x1={x} x2={x} y1={0} y2={dims.height} vectorEffect="non-scaling-stroke" />
        ))}
        {grid.ys.map((y) => (
          <line key={`y${y}`} x1={0} x2={dims.width} y1={y} y2={y} vectorEffect="non-scaling-stroke" />
        ))}
      </svg>
      {rooms.map((r) => (
        <button
          key={r.id}
          type="button"
          className="host-plan-marker"
          data-room={r.id}
          style={{ left: `${(r.x / dims.width) * 100}%`, top: `${(r.y / dims.height) * 100}%` }}
          aria-label={m.markerPlan(r.name, r.x, r.y)}
          aria-describedby={describedBy}
          onPointerDown={(e) => {
            if (e.button > 0) return;
            e.currentTarget.setPointerCapture(e.pointerId);
            drag.current = { id: r.id, pointerId: e.pointerId };
          }}
          onPointerMove={(e) => {
            if (drag.current?.pointerId === e.pointerId) onMove(r.id, at(e));
          }}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
          onKeyDown={(e) => {
            const step = e.shiftKey ? 1 : 0.1;
            const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
            if (!d) return;
            e.preventDefault();
            onMove(r.id, { x: r.x + d[0], y: r.y + d[1] });
          }}
        >
          <span className="host-plan-dot" aria-hidden="true" />
          <span className="host-plan-label" aria-hidden="true">
            {r.name}
          </span>
        </button>
      ))}
    </div>
  );
}

const round = (v: number) => Math.round(v * 100) / 100;
const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
