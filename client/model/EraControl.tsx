import type { Era } from '@protocol';
import { exhibitMessages, localised } from '../i18n/exhibitMessages.ts';
import { useI18n } from '../i18n/useI18n.ts';

/**
 * A site model's eras as a radio group ("All eras" first): native radios, so the arrow keys
 * move between them and screen readers announce the group; the chosen era's caption below.
 * `eras` in year order.
 */
export function EraControl({ eras, eraId, onChoose }: { eras: readonly Era[]; eraId: string | null; onChoose: (id: string | null) => void }) {
  const { lang } = useI18n();
  const m = exhibitMessages(lang);
  const era = eras.find((e) => e.id === eraId);
  const options = [{ id: null, label: m.allEras }, ...eras.map((e) => ({ id: e.id, label: localised(lang, e.label, e.labelZh) }))];
  return (
    <fieldset className="exhibit-eras">
      <legend>{m.eras}</legend>
      {options.map((o) => (
        <label key={o.id ?? ''}>
          <input type="radio" name="exhibit-era" value={o.id ?? ''} checked={eraId === o.id} onChange={() => onChoose(o.id)} /> {o.label}
        </label>
      ))}
      <p className="exhibit-era-caption" aria-live="polite">
        {era ? m.eraShowing(localised(lang, era.label, era.labelZh), m.eraYear(era.year)) : m.allErasShowing}
      </p>
    </fieldset>
  );
}
