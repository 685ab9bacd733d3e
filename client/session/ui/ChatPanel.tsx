import { useEffect, useRef, useState } from 'react';
import { SESSION_CHAT_MAX, type ChatMessage } from '@protocol';
import { sessionMessages } from '../../i18n/sessionMessages.ts';
import { formatStreamTime, showSessionMessages } from '../../i18n/showSessionMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';

/** Questions and answers in text. Names and messages are text nodes (never markup); newlines are kept by CSS. */
export function ChatPanel({ messages, meId, muted, onSend }: { messages: ChatMessage[]; meId: string; muted: boolean; onSend: (text: string) => void }) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  const [text, setText] = useState('');
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);
  const time = (at: number) => new Date(at).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t || muted) return;
    onSend(t);
    setText('');
  };
  return (
    <div className="chat">
      <ol className="chat-list" ref={list} aria-live="polite" aria-label={m.chat}>
        {messages.length === 0 && <li className="chat-empty">{m.chatEmpty}</li>}
        {messages.map((msg) => (
          <li key={msg.id} className={msg.from === meId ? 'chat-msg mine' : 'chat-msg'}>
            <span className="chat-meta">
              <span className="chat-name">{m.chatFrom(msg.name)}</span> <time dateTime={new Date(msg.at).toISOString()}>{time(msg.at)}</time>
              {/* On a show: the moment of the show it was sent at (a replay shows it then). */}
              {msg.streamTime !== undefined && <span className="chat-stream"> · {showSessionMessages(lang).streamAt(formatStreamTime(msg.streamTime, lang))}</span>}
            </span>
            <span className="chat-text">{msg.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={submit}>
        <label className="sr-only" htmlFor="session-chat-input">
          {m.message}
        </label>
        <textarea
          id="session-chat-input"
          value={text}
          rows={1}
          maxLength={SESSION_CHAT_MAX}
          disabled={muted}
          placeholder={muted ? m.youAreMuted : m.message}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Enter sends; Shift+Enter (or an IME composing Chinese) adds a line.
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) submit(e);
          }}
        />
        <button type="submit" className="primary" disabled={muted || !text.trim()}>
          {m.send}
        </button>
      </form>
    </div>
  );
}
