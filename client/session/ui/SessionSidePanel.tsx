import type { Intent, SessionSnapshot } from '@protocol';
import type { SessionMessages } from '../../i18n/sessionMessages.ts';
import { ChatPanel } from './ChatPanel.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';

export interface SessionSidePanelProps {
  panel: 'people' | 'chat';
  onPanel: (panel: 'people' | 'chat' | null) => void;
  m: SessionMessages;
  snap: SessionSnapshot;
  meId: string;
  isHost: boolean;
  /** This person may not write (muted by the host). */
  muted: boolean;
  voiceEnabled: boolean;
  rooms: Map<string, string>;
  speaking: readonly string[];
  peopleLabel: string;
  chatLabel: string;
  send: (intent: Intent) => void;
  /** The host asked to end and is asked to confirm (kept by the overlay: closing the panel keeps it). */
  confirmEnd: boolean;
  onConfirmEnd: (asking: boolean) => void;
  onLeave: () => void;
}

/** The side panel: people or chat in tabs, and ending (the host, confirmed) or leaving the session. */
export function SessionSidePanel(p: SessionSidePanelProps) {
  const { m, panel, isHost } = p;
  return (
    <aside className="session-panel" aria-label={panel === 'people' ? m.people : m.chat}>
      <div className="panel-tabs" role="group">
        <button aria-pressed={panel === 'people'} onClick={() => p.onPanel('people')}>
          {p.peopleLabel}
        </button>
        <button aria-pressed={panel === 'chat'} onClick={() => p.onPanel('chat')}>
          {p.chatLabel}
        </button>
        <button className="panel-close" onClick={() => p.onPanel(null)} aria-label={m.close}>
          ×
        </button>
      </div>
      {panel === 'people' ? (
        <PeoplePanel snapshot={p.snap} meId={p.meId} isHost={isHost} voiceEnabled={p.voiceEnabled} rooms={p.rooms} speaking={p.speaking} send={p.send} />
      ) : (
        <ChatPanel messages={p.snap.chat} meId={p.meId} muted={p.muted} onSend={(text) => p.send({ type: 'chat', text })} />
      )}
      <div className="panel-footer">
        {isHost ? (
          p.confirmEnd ? (
            <span className="confirm" role="group" aria-label={m.confirmEnd}>
              <span>{m.confirmEnd}</span>
              <button className="danger" onClick={() => p.send({ type: 'end' })}>
                {m.endSession}
              </button>
              <button onClick={() => p.onConfirmEnd(false)}>{m.cancel}</button>
            </span>
          ) : (
            <button className="danger-outline" onClick={() => p.onConfirmEnd(true)}>
              {m.endSession}
            </button>
          )
        ) : (
          <button className="danger-outline" onClick={p.onLeave}>
            {m.leave}
          </button>
        )}
      </div>
    </aside>
  );
}
