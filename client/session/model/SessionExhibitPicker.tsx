import type { Exhibit } from '@protocol';
import { localised } from '../../i18n/exhibitMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { sessionExhibitMessages } from './sessionExhibitMessages.ts';

/** The lead's way between a hall-less museum's exhibits: one button each, the group's pressed. */
export function SessionExhibitPicker({ exhibits, current, onPick }: { exhibits: readonly Exhibit[]; current: string | null; onPick: (id: string) => void }) {
  const { lang } = useI18n();
  const sm = sessionExhibitMessages(lang);
  return (
    <nav className="session-exhibit-picker" aria-label={sm.exhibits}>
      <ul>
        {exhibits.map((e) => (
          <li key={e.id}>
            <button type="button" aria-pressed={e.id === current} onClick={() => e.id !== current && onPick(e.id)}>
              {localised(lang, e.title, e.titleZh)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
