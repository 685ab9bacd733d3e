import { useId, useRef, useState } from 'react';
import type { LoginResult } from '@protocol';
import { useTitle } from '../app/useTitle.ts';
import { describeError } from './describeError.ts';
import { HostHeading } from './HostHeading.tsx';
import { signIn } from './HostApi.ts';
import { useHostMessages } from './useHostMessages.ts';

/**
 * Email + password. Shown for every console address while signed out; after signing in
 * the same address renders its page, so a deep link continues where it pointed.
 */
export function SignInForm({ notice, onSignedIn }: { notice?: string; onSignedIn: (s: LoginResult) => void }) {
  const { m } = useHostMessages();
  useTitle(m.signInTitle);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const password = useRef<HTMLInputElement>(null);
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const pass = String(data.get('password') ?? '');
    if (!email || !pass) return setError(m.fillBoth);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(email, pass));
    } catch (err) {
      setError(describeError(m, err));
      setBusy(false);
      password.current?.select();
    }
  };
  return (
    <section className="host-signin" aria-labelledby="signin-h">
      <HostHeading id="signin-h">{m.signInTitle}</HostHeading>
      <p className="lede">{m.signInLede}</p>
      {notice && !error && (
        <p className="host-notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <div className="host-field">
          <label htmlFor="signin-email">{m.email}</label>
          <input id="signin-email" name="email" type="email" autoComplete="username" required aria-invalid={!!error} autoFocus />
        </div>
        <div className="host-field">
          <label htmlFor="signin-password">{m.password}</label>
          <input id="signin-password" name="password" type="password" autoComplete="current-password" required ref={password} aria-invalid={!!error} />
        </div>
        {error && (
          <p className="host-error" role="alert" id={errorId}>
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.signingIn : m.signIn}
        </button>
      </form>
    </section>
  );
}
