import { useEffect, useRef } from 'react';
import type { Scene } from '@protocol';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { textIn } from '../i18n/placeText.ts';

/**
 * Every room of the tour as a picture and a name, one tap to any of them — the way into a room
 * no hotspot leads to, on a phone and without a floor plan. A list of buttons (Tab, Enter),
 * the current room marked; it scrolls sideways and brings the current room into view.
 * Thumbnails load only when the strip is opened (`loading="lazy"` in a hidden strip asks for none).
 */
export function RoomStrip({ scenes, current, onPick, id }: { scenes: readonly Scene[]; current: string; onPick: (sceneId: string) => void; id: string }) {
  const { t, lang } = useI18n();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[aria-current="location"]')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [current]);
  return (
    <nav className="room-strip" id={id} aria-label={t.roomsList(scenes.length)}>
      <ul ref={list}>
        {scenes.map((s) => {
          const name = roomName(lang, s);
          return (
            <li key={s.id}>
              <button type="button" aria-current={s.id === current ? 'location' : undefined} aria-label={t.goTo(name)} onClick={() => onPick(s.id)} data-scene={s.id}>
                {s.coverUrl ? <img src={s.coverUrl} alt="" loading="lazy" decoding="async" width={112} height={63} /> : <span className="room-strip-blank" aria-hidden="true" />}
                <span className="room-strip-name" lang={textIn(lang, s.name, s.nameZh).lang}>
                  {name}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
