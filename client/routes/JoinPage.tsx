import { useEffect, useState } from 'react';
import { SESSION_NAME_MAX, cleanName, codeFromInput, formatJoinCode, normaliseJoinCode, type SessionLookup } from '@protocol';
import { Header } from '../app/Header.tsx';
import { prefetchSession } from '../app/prefetchSession.ts';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { navigate } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { sessionMessages, type SessionMessages } from '../i18n/sessionMessages.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { joinSession, lookupSession, SessionApiError } from '../session/sessionApi.ts';
import { loadLastName, loadViewerSeat, saveHostSeat, saveLastName, saveViewerSeat } from '../session/sessionSeats.ts';
import '../session/ui/session.css';
import { textIn } from '../i18n/placeText.ts';

function describe(m: SessionMessages, e: unknown): string {
  if (!(e instanceof SessionApiError)) return m.somethingWrong;
  switch (e.code) {
    case 'session_not_found':
      return m.sessionNotFound;
    case 'session_ended':
      return m.sessionEndedNotice;
    case 'session_full':
      return m.sessionFull;
    case 'rate_limited':
      return m.tooManyAttempts;
    case 'offline':
      return m.offline;
    default:
      return e.message || m.somethingWrong;
  }
}

/** The host key from a host link's fragment (#host=…; #key=… works too). */
function hostKeyFromHash(hash: string): string | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  return p.get('host') ?? p.get('key');
}

/**
 * /join — type the code; /join/:code — the link a guide sent: asks for a name ("Name" /
 * "名字") and joins. A host link (/join/:code#host=…) keeps the key in this browser and opens
 * the host's view.
 */
export default function JoinPage({ code: rawCode }: { code?: string }) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  useTitle(m.joinTitle);
  const code = rawCode ? normaliseJoinCode(rawCode) : null;
  // A session link opened cold paints the group's room first (server/app.ts): the form is a card over it.
  const [overPaint] = useState(() => {
    const fp = window.__vantageFirstPaint;
    // The paint's own name-and-progress card would sit under this one: this page names the place.
    fp?.element.querySelector<HTMLElement>('[data-first-paint-card]')?.style.setProperty('visibility', 'hidden');
    return !!fp;
  });
  return (
    <>
      <Header />
      <main className={overPaint ? 'page join-page join-over-paint' : 'page join-page'}>
        <h1>{m.joinTitle}</h1>
        {rawCode === undefined ? <CodeForm m={m} /> : code ? <NameStep code={code} m={m} /> : <BadCode m={m} />}
      </main>
    </>
  );
}

function BadCode({ m }: { m: SessionMessages }) {
  return (
    <>
      <p className="form-error" role="alert">
        {m.badCode}
      </p>
      <CodeForm m={m} />
    </>
  );
}

function CodeForm({ m }: { m: SessionMessages }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  return (
    <>
      <p className="lede">{m.joinLede}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const code = codeFromInput(value);
          if (!code) return setError(m.badCode);
          navigate(`/join/${formatJoinCode(code)}`);
        }}
      >
        <label>
          {m.code}
          <input
            name="code"
            value={value}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder={m.codeHint}
            aria-invalid={!!error}
            aria-describedby={error ? 'code-error' : undefined}
            onChange={(e) => {
              setValue(e.target.value);
              setError('');
            }}
          />
        </label>
        {error && (
          <p className="form-error" id="code-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {m.next}
        </button>
      </form>
    </>
  );
}

type Lookup = { state: 'loading' } | { state: 'ready'; session: SessionLookup } | { state: 'error'; message: string };

function NameStep({ code, m }: { code: string; m: SessionMessages }) {
  const pretty = formatJoinCode(code);
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' });
  const [hostKey] = useState(() => hostKeyFromHash(location.hash));
  useEffect(() => {
    // Someone who already has a seat here (a reload, the link opened again) goes straight back in.
    if (!hostKey && loadViewerSeat(code)) {
      navigate(`/s/${pretty}`, true);
      return;
    }
    const ctrl = new AbortController();
    lookupSession(code, fetch, ctrl.signal).then(
      (session) => {
        if (hostKey) {
          saveHostSeat({ sessionId: session.id, hostKey, code: pretty, joinUrl: `${location.origin}/join/${pretty}` });
          // replaceState drops the fragment: the key doesn't stay in the address bar or the history.
          navigate(`/sessions/${encodeURIComponent(session.id)}/host`, true);
          return;
        }
        setLookup({ state: 'ready', session });
        prefetchSession(session);
      },
      (e) => {
        if ((e as Error).name !== 'AbortError') setLookup({ state: 'error', message: describe(m, e) });
      },
    );
    return () => ctrl.abort();
  }, [code]); // eslint-disable-line react-hooks/exhaustive-deps
  if (lookup.state === 'loading') return <LoadingBlock />;
  if (lookup.state === 'error')
    return (
      <>
        <p className="form-error" role="alert">
          {lookup.message}
        </p>
        <CodeForm m={m} />
      </>
    );
  return <NameForm session={lookup.session} code={code} m={m} />;
}

function NameForm({ session, code, m }: { session: SessionLookup; code: string; m: SessionMessages }) {
  const { lang } = useI18n();
  const [name, setName] = useState(loadLastName);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const clean = cleanName(name);
    if (!clean) return setError(m.enterName);
    if (clean.length > SESSION_NAME_MAX) return setError(m.nameTooLong(SESSION_NAME_MAX));
    setBusy(true);
    setError('');
    try {
      const seat = await joinSession(session.id, clean);
      saveViewerSeat(code, { sessionId: seat.sessionId, participantId: seat.participantId, name: seat.name, token: seat.token, expiresAt: seat.expiresAt });
      saveLastName(clean);
      navigate(`/s/${formatJoinCode(code)}`);
    } catch (err) {
      setError(describe(m, err));
      setBusy(false);
    }
  };
  return (
    <>
      {session.placeTitle && <p className="join-place">{m.joinPlace(textIn(lang, session.placeTitle, session.placeTitleZh).text)}</p>}
      {session.participants > 0 && <p className="join-place">{m.joinPeople(session.participants)}</p>}
      <form noValidate onSubmit={submit}>
        <label>
          {m.name}
          <input
            name="name"
            value={name}
            autoComplete="nickname"
            maxLength={SESSION_NAME_MAX * 2}
            aria-invalid={!!error}
            aria-describedby={error ? 'name-error' : 'name-hint'}
            autoFocus
            onChange={(e) => {
              setName(e.target.value);
              setError('');
            }}
          />
        </label>
        <span className="field-hint" id="name-hint">
          {m.nameHint}
        </span>
        {error && (
          <p className="form-error" id="name-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.joining : m.join}
        </button>
      </form>
    </>
  );
}
