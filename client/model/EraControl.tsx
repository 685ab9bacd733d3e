import type { Era } from '@protocol';
import { exhibitMessages, localised } from '../i18n/exhibitMessages.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { eraShortName } from './eraShortName.ts';

/**
 * A site model's eras as a radio group ("All eras" first), drawn as a segmented timeline
 * (styles in exhibit.css): native radios, so the arrow keys move between them and screen
 * readers announce the group; each radio is named by its era's whole label and year, while
 * the segment shows the short name (without its qualifier on a phone). The chosen era's
 * caption below. `eras` in year order.
 */
export function EraControl({ eras, eraId, onChoose }: { eras: readonly Era[]; eraId: string | null; onChoose: (id: string | null) => void }) {
  const { lang } = useI18n();
  const m = exhibitMessages(lang);
  const era = eras.find((e) => e.id === eraId);
  // The timeline draws which eras' buildings stand: all of them, or those up to the chosen one.
  const shown = (i: number) => !era || eras[i].year <= era.year;
  const options = [
    { id: null, name: m.allEras, qualifier: '', year: '', label: m.allEras },
    ...eras.map((e) => {
      const label = localised(lang, e.label, e.labelZh);
      const year = m.eraYear(e.year);
      return { id: e.id, ...eraShortName(label), year, label: `${label}, ${year}` };
    }),
  ];
  return (
    <fieldset className="exhibit-eras">
      <legend>{m.eras}</legend>
      <div className="exhibit-eras-options">
        {options.map((o, i) => (
          <label
            key={o.id ?? ''}
            className="exhibit-era"
            data-all={o.id === null ? '' : undefined}
            data-shown={i > 0 && shown(i - 1) ? '' : undefined}
            data-next-shown={i > 0 && i < eras.length && shown(i) ? '' : undefined}
          >
            <input type="radio" name="exhibit-era" value={o.id ?? ''} checked={eraId === o.id} onChange={() => onChoose(o.id)} aria-label={o.label} />
            <span className="exhibit-era-face" aria-hidden="true">
              <span className="exhibit-era-tick" />
              <span className="exhibit-era-year">{o.year}</span>
              <span className="exhibit-era-name">
                {o.name}
                {o.qualifier && <span className="exhibit-era-qualifier">{o.qualifier}</span>}
              </span>
            </span>
          </label>
        ))}
      </div>
      <p className="exhibit-era-caption" aria-live="polite">
        {era ? m.eraShowing(localised(lang, era.label, era.labelZh), m.eraYear(era.year)) : m.allErasShowing}
      </p>
    </fieldset>
  );
}
