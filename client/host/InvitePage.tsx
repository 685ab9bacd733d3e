import { useEffect, useId, useState } from 'react';
import type { InvitationInfo, LoginResult } from '@protocol';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { describeError } from './describeError.ts';
import { HostApiError } from './HostApiError.ts';
import { invitationInfo, redeemInvitation } from './HostApi.ts';
import { HostHeading } from './HostHeading.tsx';
import { useHostMessages } from './useHostMessages.ts';

const DEAD = new Set(['invitation_invalid', 'invitation_expired', 'invitation_revoked', 'invitation_used']);

/**
 * /host/invite/:token — a new agent opens the owner's link, sets name, email and password,
 * and is signed in. A used, expired, revoked or mistyped link says which, and where to go.
 */
export function InvitePage({ token, onSignedIn }: { token: string; onSignedIn: (s: LoginResult) => void }) {
  const { m, t } = useHostMessages();
  useTitle(m.inviteTitle);
  const [info, setInfo] = useState<InvitationInfo | null>(null);
  const [dead, setDead] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const ids = { error: useId(), hint: useId() };

  useEffect(() => {
    let live = true;
    setLoadError(null);
    invitationInfo(token).then(
      (v) => live && setInfo(v),
      (e) => {
        if (!live) return;
        if (e instanceof HostApiError && DEAD.has(e.code)) setDead(describeError(m, e));
        else setLoadError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [token, m, attempt]);

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const body = { name: String(data.get('name') ?? ''), email: String(data.get('email') ?? '').trim(), password: String(data.get('password') ?? '') };
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await redeemInvitation(token, body));
    } catch (err) {
      setBusy(false);
      if (err instanceof HostApiError && DEAD.has(err.code)) return setDead(describeError(m, err));
      const field = err instanceof HostApiError ? err.field : undefined;
      setError({ message: err instanceof HostApiError && field ? err.fieldMessage : describeError(m, err), field });
      if (field) document.getElementById(`invite-${field}`)?.focus();
    }
  };

  if (dead)
    return (
      <section className="host-signin" aria-labelledby="invite-dead-h">
        <HostHeading id="invite-dead-h">{m.inviteDeadTitle}</HostHeading>
        <p className="host-error" role="alert">
          {dead}
        </p>
        <a className="button" href="/host" onClick={onLinkClick}>
          {m.goToSignIn}
        </a>
      </section>
    );
  if (loadError)
    return (
      <div className="error-state" role="alert">
        <p>{describeError(m, loadError)}</p>
        <button type="button" onClick={() => setAttempt((a) => a + 1)}>
          {t.retry}
        </button>
      </div>
    );
  if (!info) return <LoadingBlock />;

  const invalid = (field: string) => (error && (error.field === field || !error.field) ? true : undefined);
  const describedBy = (field: string, extra?: string) => [error?.field === field ? ids.error : '', extra ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <section className="host-signin" aria-labelledby="invite-h">
      <HostHeading id="invite-h">{m.inviteTitle}</HostHeading>
      <p className="lede">{m.inviteLede(info.agencyName, info.invitedBy)}</p>
      <form onSubmit={submit} noValidate aria-describedby={error && !error.field ? ids.error : undefined}>
        <div className="host-field">
          <label htmlFor="invite-name">{m.yourName}</label>
          <input id="invite-name" name="name" autoComplete="name" required maxLength={80} aria-invalid={invalid('name')} aria-describedby={describedBy('name')} autoFocus />
        </div>
        <div className="host-field">
          <label htmlFor="invite-email">{m.email}</label>
          <input id="invite-email" name="email" type="email" autoComplete="username" required aria-invalid={invalid('email')} aria-describedby={describedBy('email')} />
        </div>
        <div className="host-field">
          <label htmlFor="invite-password">{m.newPassword}</label>
          <input
            id="invite-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-invalid={invalid('password')}
            aria-describedby={describedBy('password', ids.hint)}
          />
          <p className="meta" id={ids.hint}>
            {m.passwordHint}
          </p>
        </div>
        {error && (
          <p className="host-error" role="alert" id={ids.error}>
            {error.message}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.joining : m.join}
        </button>
      </form>
    </section>
  );
}
