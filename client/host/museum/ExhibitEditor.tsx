import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Exhibit, HostPlace } from '@protocol';
import { describeError } from '../describeError.ts';
import { useHost } from '../HostContext.ts';
import { HostHeading } from '../HostHeading.tsx';
import { NumberField } from '../NumberField.tsx';
import { exhibitDraft, infoPointDraft, type ExhibitDraft, type InfoPointDraft } from './exhibitDraft.ts';
import { exhibitPatchFromDraft } from './exhibitPatchFromDraft.ts';
import { exhibitTitle } from './exhibitTitle.ts';
import { InfoPointsEditor } from './InfoPointsEditor.tsx';
import { ModelPreview, type ModelPreviewHandle } from './ModelPreview.tsx';
import { newInfoPointId } from './newInfoPointId.ts';
import { PlacementFields } from './PlacementFields.tsx';
import { useMuseumMessages } from './useMuseumMessages.ts';

/**
 * The exhibit's whole form, saved with one PATCH: details (zh + en), info points (added by
 * clicking the model in the preview or by coordinates), hall and map placement.
 */
export function ExhibitEditor({ place, exhibit, onSaved }: { place: HostPlace; exhibit: Exhibit; onSaved: (e: Exhibit) => void }) {
  const { m, mm, lang } = useMuseumMessages();
  const { api } = useHost();
  const uid = useId();
  const [draft, setDraft] = useState<ExhibitDraft>(() => exhibitDraft(exhibit));
  const [selected, setSelected] = useState<string | null>(null);
  const [focusPoint, setFocusPoint] = useState<{ id: string; n: number } | null>(null);
  const [problems, setProblems] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const preview = useRef<ModelPreviewHandle>(null);
  const form = useRef<HTMLFormElement>(null);

  const savedPatch = useMemo(() => JSON.stringify(exhibitPatchFromDraft(exhibitDraft(exhibit))), [exhibit]);
  const dirty = JSON.stringify(exhibitPatchFromDraft(draft)) !== savedPatch;
  const savedIds = useMemo(() => new Set(exhibit.infoPoints.map((p) => p.id)), [exhibit]);
  // Closing the tab with unsaved edits asks first, as the room editor does.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (next: Partial<ExhibitDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setStatus(null);
  };
  const setPoints = (infoPoints: InfoPointDraft[]) => change({ infoPoints });

  const addPoint = (at: { position: [number, number, number]; normal?: [number, number, number] }) => {
    const id = newInfoPointId(draft.infoPoints.map((p) => p.id));
    const point: InfoPointDraft = { id, position: at.position, normal: at.normal, title: '', titleZh: '', text: '', textZh: '' };
    change({ infoPoints: [...draft.infoPoints, point] });
    setSelected(id);
    setFocusPoint({ id, n: Date.now() });
    setStatus(mm.pointAdded(draft.infoPoints.length + 1));
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setStatus(null);
    const built = exhibitPatchFromDraft(draft);
    if (!built.ok) {
      setProblems(new Set(built.problems.map((p) => p.path)));
      // Focus goes to the first field that needs attention (in the order of the form).
      const first = built.problems[0].path;
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[data-path="${first}"]`)?.focus());
      return;
    }
    setProblems(new Set());
    setBusy(true);
    try {
      const saved = await api.patchExhibit(place.id, exhibit.id, built.patch);
      // Keep what was typed; take the server's media URLs (a point's image stays with its id).
      setDraft((d) => ({ ...d, infoPoints: d.infoPoints.map((p) => mediaOf(saved, p)) }));
      onSaved(saved);
      setStatus(mm.saved);
    } catch (err) {
      setError(describeError(m, err));
    } finally {
      setBusy(false);
    }
  };

  const attach = async (pointId: string, kind: 'image' | 'audio', file: File) => {
    const saved = await api.uploadExhibitMedia(place.id, exhibit.id, pointId, kind, file);
    setDraft((d) => ({ ...d, infoPoints: d.infoPoints.map((p) => (p.id === pointId ? mediaOf(saved, p) : p)) }));
    onSaved(saved);
  };

  const req = (path: string) => problems.has(path);
  const field = (path: 'title' | 'titleZh' | 'description' | 'descriptionZh', label: string, multiline = false) => {
    const id = `${uid}-${path}`;
    const bad = req(path);
    const props = {
      id,
      'data-path': path,
      value: draft[path],
      'aria-invalid': bad,
      'aria-describedby': bad ? `${id}-err` : undefined,
      lang: path.endsWith('Zh') ? 'zh-CN' : 'en',
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => change({ [path]: e.target.value }),
    };
    return (
      <div className={`host-field f-${path}`}>
        <label htmlFor={id}>{label}</label>
        {multiline ? <textarea {...props} rows={4} maxLength={4000} /> : <input {...props} type="text" maxLength={120} autoComplete="off" />}
        {bad && (
          <span className="host-field-error" id={`${id}-err`}>
            {mm.required}
          </span>
        )}
      </div>
    );
  };

  return (
    <form ref={form} className="host-exhibit-editor" onSubmit={save} noValidate>
      <HostHeading>{exhibitTitle(exhibit, lang)}</HostHeading>

      <section className="host-section" aria-labelledby={`${uid}-details`}>
        <h2 id={`${uid}-details`}>{mm.detailsHeading}</h2>
        <div className="host-pair host-pair-wide">
          {field('title', mm.titleEn)}
          {field('titleZh', mm.titleZh)}
        </div>
        <div className="host-pair host-pair-wide">
          {field('description', mm.descriptionEn, true)}
          {field('descriptionZh', mm.descriptionZh, true)}
        </div>
        <div className="host-pair">
          <div className="host-field">
            <label htmlFor={`${uid}-role`}>{mm.role}</label>
            <select id={`${uid}-role`} value={draft.role} onChange={(e) => change({ role: e.target.value as ExhibitDraft['role'] })}>
              <option value="exhibit">{mm.roleExhibit}</option>
              <option value="site">{mm.roleSite}</option>
            </select>
          </div>
          <NumberField id={`${uid}-minutes`} label={mm.minutes} value={draft.minutes} min={0} max={240} step={1} onChange={(minutes) => change({ minutes })} />
        </div>
        <NumberField id={`${uid}-ar`} label={mm.arScale} value={draft.arScale} min={0.0001} max={1000} onChange={(arScale) => arScale > 0 && change({ arScale })} describedBy={`${uid}-ar-hint`} />
        <p className="host-hint" id={`${uid}-ar-hint`}>
          {mm.arScaleHint}
        </p>
      </section>

      <section className="host-section" aria-labelledby={`${uid}-points`}>
        <h2 id={`${uid}-points`}>{mm.infoPointsHeading}</h2>
        <p className="host-lede">{mm.infoPointsLede}</p>
        <ModelPreview
          ref={preview}
          url={exhibit.modelUrl}
          bounds={exhibit.bounds}
          title={exhibitTitle(exhibit, lang)}
          points={draft.infoPoints}
          selected={selected}
          onPick={addPoint}
          onSelect={(id) => {
            setSelected(id);
            setFocusPoint({ id, n: Date.now() });
          }}
        />
        <InfoPointsEditor
          points={draft.infoPoints}
          savedIds={savedIds}
          problems={problems}
          selected={selected}
          focusRequest={focusPoint}
          onSelect={setSelected}
          onChange={setPoints}
          onAdd={() => addPoint({ position: centreOf(exhibit) })}
          cameraNow={() => preview.current?.camera() ?? null}
          onAttach={attach}
        />
      </section>

      <section className="host-section" aria-labelledby={`${uid}-place`}>
        <h2 id={`${uid}-place`}>{mm.placementHeading}</h2>
        <PlacementFields place={place} exhibitId={exhibit.id} title={exhibitTitle(exhibit, lang)} hall={draft.hall} map={draft.map} onChange={change} />
      </section>

      <div className="host-savebar">
        {error && (
          <p className="host-error" role="alert">
            {error}
          </p>
        )}
        <p className="host-save-status" role="status">
          {status ?? (dirty ? mm.unsaved : '')}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? mm.saving : mm.save}
        </button>
      </div>
    </form>
  );
}

/** The point's image and audio URLs as the server now holds them. */
function mediaOf(saved: Exhibit, p: InfoPointDraft): InfoPointDraft {
  const s = saved.infoPoints.find((x) => x.id === p.id);
  return s ? { ...p, imageUrl: infoPointDraft(s).imageUrl, audioUrl: s.audioUrl } : p;
}

/** Where a point added by coordinates starts: the middle of the model's bounds. */
function centreOf(e: Exhibit): [number, number, number] {
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return [r((e.bounds.min[0] + e.bounds.max[0]) / 2), r((e.bounds.min[1] + e.bounds.max[1]) / 2), r((e.bounds.min[2] + e.bounds.max[2]) / 2)];
}

