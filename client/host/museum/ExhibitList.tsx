import { useEffect, useId, useRef, useState } from 'react';
import type { Exhibit } from '@protocol';
import { onLinkClick } from '../../app/router.ts';
import { describeError } from '../describeError.ts';
import { HostApiError } from '../HostApiError.ts';
import { useHost } from '../HostContext.ts';
import { hostHref } from '../parseHostRoute.ts';
import { exhibitTitle } from './exhibitTitle.ts';
import { uploadModel } from './uploadModel.ts';
import { useMuseumMessages } from './useMuseumMessages.ts';

/** The museum's exhibits: poster, title, role; edit, replace the model, delete (asks first). */
export function ExhibitList({ placeId, exhibits, onChanged }: { placeId: string; exhibits: Exhibit[]; onChanged: () => void }) {
  const { mm } = useMuseumMessages();
  if (exhibits.length === 0) return <p className="empty-state host-empty-small">{mm.noExhibits}</p>;
  return (
    <ul className="host-exhibits" aria-label={mm.exhibitList}>
      {exhibits.map((e) => (
        <ExhibitRow key={e.id} placeId={placeId} exhibit={e} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function ExhibitRow({ placeId, exhibit, onChanged }: { placeId: string; exhibit: Exhibit; onChanged: () => void }) {
  const { mm, m, lang } = useMuseumMessages();
  const { api } = useHost();
  const inputId = useId();
  const title = exhibitTitle(exhibit, lang);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [replace, setReplace] = useState<{ pct: number; processing: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const abort = useRef<(() => void) | null>(null);
  // Leaving the page cancels a replacement in flight (the old model stays).
  useEffect(() => () => abort.current?.(), []);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteExhibit(placeId, exhibit.id);
      onChanged();
    } catch (e) {
      setError(describeError(m, e));
      setBusy(false);
    }
  };

  const replaceWith = (file: File) => {
    setError(null);
    setNotice(null);
    setReplace({ pct: 0, processing: false });
    const job = uploadModel({
      method: 'PUT',
      url: api.exhibitModelUrl(placeId, exhibit.id),
      token: api.token,
      file,
      onProgress: (loaded, total) => setReplace({ pct: total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0, processing: false }),
      onProcessing: () => setReplace({ pct: 100, processing: true }),
    });
    abort.current = job.abort;
    job.done.then(
      () => {
        abort.current = null;
        setReplace(null);
        setNotice(mm.replaced);
        onChanged();
      },
      (e: unknown) => {
        abort.current = null;
        setReplace(null);
        if (!(e instanceof HostApiError && e.code === 'aborted')) setError(describeError(m, e));
      },
    );
  };

  return (
    <li className="host-exhibit" data-exhibit={exhibit.id}>
      <img className="host-exhibit-poster" src={exhibit.posterUrl} alt={mm.posterAlt(title)} width={96} height={96} loading="lazy" />
      <div className="host-exhibit-body">
        <h3 className="host-exhibit-title">
          <a href={hostHref({ page: 'exhibit', placeId, exhibitId: exhibit.id })} onClick={onLinkClick}>
            {title}
          </a>
        </h3>
        <p className="host-exhibit-meta">
          <span className={`host-badge ${exhibit.role}`}>{mm.roleLabel(exhibit.role)}</span> · {mm.infoPointCount(exhibit.infoPoints.length)}
        </p>
        {replace && (
          <>
            <progress aria-label={mm.replaceModelNamed(title)} max={replace.processing ? undefined : 100} value={replace.processing ? undefined : replace.pct} />
            <p className="host-upload-status">{replace.processing ? mm.processing : mm.replacing(replace.pct)}</p>
          </>
        )}
        {notice && (
          <p className="host-ok" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="host-error" role="alert">
            {error}
          </p>
        )}
        {confirming ? (
          <div role="group" aria-labelledby={`${inputId}-q`} className="host-confirm">
            <p id={`${inputId}-q`}>{mm.confirmDeleteExhibit(title)}</p>
            <div className="host-actions">
              <button type="button" className="danger host-small" onClick={remove} disabled={busy} autoFocus>
                {mm.confirmDelete}
              </button>
              <button type="button" className="host-small" onClick={() => setConfirming(false)}>
                {mm.keep}
              </button>
            </div>
          </div>
        ) : (
          <div className="host-actions">
            <a className="button host-small" href={hostHref({ page: 'exhibit', placeId, exhibitId: exhibit.id })} onClick={onLinkClick} aria-label={mm.editExhibitNamed(title)}>
              {mm.editExhibit}
            </a>
            {replace ? (
              <button type="button" className="host-small" onClick={() => abort.current?.()}>
                {mm.cancelUpload}
              </button>
            ) : (
              <>
                <label htmlFor={inputId} className="button host-small host-file-button">
                  {mm.replaceModel}
                </label>
                <input
                  id={inputId}
                  className="sr-only"
                  type="file"
                  aria-label={mm.replaceModelNamed(title)}
                  accept=".glb,.gltf,model/gltf-binary,model/gltf+json"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    e.target.value = '';
                    if (f) replaceWith(f);
                  }}
                />
              </>
            )}
            <button type="button" className="host-small" onClick={() => setConfirming(true)} aria-label={mm.deleteExhibitNamed(title)}>
              {mm.deleteExhibit}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
