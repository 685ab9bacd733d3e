import { useEffect, useId, useRef, useState } from 'react';
import type { InvitationCreated, Team, TeamMember } from '@protocol';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { useTitle } from '../app/useTitle.ts';
import { describeError } from './describeError.ts';
import { useHost } from './HostContext.ts';
import { HostHeading } from './HostHeading.tsx';
import { useHostMessages } from './useHostMessages.ts';

/**
 * /host/team — the owner's agency: create a one-time invitation link (shown once, with a
 * copy button), revoke pending ones, disable or enable agents. Every change is announced
 * in one live region, so a screen reader hears what each button did.
 */
export function TeamPage() {
  const { m, t, lang } = useHostMessages();
  const { api } = useHost();
  useTitle(m.teamTitle);
  const [team, setTeam] = useState<Team | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const linkId = useId();
  const date = (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });

  // Agents redeem links elsewhere: coming back to this tab shows who has joined since.
  useEffect(() => {
    const refresh = () => document.visibilityState === 'visible' && setAttempt((n) => n + 1);
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, []);

  // A new link takes focus, selected, so it can be copied at once (by keyboard too).
  useEffect(() => {
    linkRef.current?.focus();
    linkRef.current?.select();
  }, [created]);

  useEffect(() => {
    let live = true;
    setError(null);
    api.team().then(
      (v) => live && setTeam(v),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key);
    setActionError(null);
    try {
      await action();
    } catch (e) {
      setActionError(describeError(m, e));
    } finally {
      setBusy(null);
    }
  };

  const invite = () =>
    run('invite', async () => {
      const inv = await api.invite();
      setCreated(inv);
      setTeam((v) => v && { ...v, invitations: [inv, ...v.invitations] });
      setStatus(m.inviteCreated);
    });

  const copy = async () => {
    const url = linkRef.current?.value ?? '';
    try {
      await navigator.clipboard.writeText(url);
      setStatus(m.copied);
    } catch {
      linkRef.current?.select();
      setStatus(m.copyFailed);
    }
  };

  const revoke = (id: string) =>
    run(`revoke:${id}`, async () => {
      await api.revokeInvitation(id);
      setTeam((v) => v && { ...v, invitations: v.invitations.filter((i) => i.id !== id) });
      if (created?.id === id) setCreated(null);
      setStatus(m.revoked);
    });

  const toggle = (member: TeamMember) =>
    run(`agent:${member.id}`, async () => {
      const next = await api.setAgentDisabled(member.id, !member.disabled);
      setTeam((v) => v && { ...v, members: v.members.map((x) => (x.id === next.id ? next : x)) });
      setStatus(next.disabled ? m.agentDisabled(next.name) : m.agentEnabled(next.name));
    });

  if (error)
    return (
      <>
        <HostHeading>{m.teamTitle}</HostHeading>
        <div className="error-state" role="alert">
          <p>{describeError(m, error)}</p>
          <button type="button" onClick={() => setAttempt((a) => a + 1)}>
            {t.retry}
          </button>
        </div>
      </>
    );

  return (
    <section className="host-team" aria-labelledby="team-h">
      <div className="host-titlebar">
        <HostHeading id="team-h">{m.teamTitle}</HostHeading>
        <button type="button" className="primary" onClick={invite} disabled={busy !== null || team === null}>
          {busy === 'invite' ? m.inviting : `+ ${m.invite}`}
        </button>
      </div>
      <p className="lede">{m.teamLede}</p>
      <p className="sr-only" role="status" aria-live="polite">
        {status}
      </p>
      {actionError && (
        <p className="host-error" role="alert">
          {actionError}
        </p>
      )}
      {created && (
        <div className="team-link host-notice">
          <label htmlFor={linkId}>{m.inviteLinkLabel}</label>
          <div className="team-link-row">
            <input id={linkId} ref={linkRef} readOnly value={`${location.origin}${created.path}`} onFocus={(e) => e.currentTarget.select()} aria-describedby={`${linkId}-hint`} />
            <button type="button" onClick={copy}>
              {m.copy}
            </button>
          </div>
          <p id={`${linkId}-hint`} className="meta">
            {m.inviteLinkHint}
          </p>
        </div>
      )}
      {team === null ? (
        <LoadingBlock />
      ) : (
        <>
          <h2>{m.pendingHeading}</h2>
          {team.invitations.length === 0 ? (
            <p className="empty-state">{m.noPending}</p>
          ) : (
            <ul className="team-list" aria-label={m.pendingHeading}>
              {team.invitations.map((i) => (
                <li key={i.id}>
                  <span>
                    {m.invitedOn(date(i.createdAt))} · {m.expiresOn(date(i.expiresAt))}
                  </span>
                  <button type="button" onClick={() => revoke(i.id)} disabled={busy !== null} aria-label={m.revokeLabel(date(i.createdAt))}>
                    {m.revoke}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h2>{m.membersHeading}</h2>
          <ul className="team-list" aria-label={m.membersHeading}>
            {team.members.map((member) => (
              <li key={member.id} className={member.disabled ? 'disabled' : undefined}>
                <span className="team-member">
                  <strong>{member.name}</strong> <span className="meta">{member.email}</span>{' '}
                  <span className="badge">{member.role === 'owner' ? m.roleOwner : m.roleAgent}</span>
                  {member.disabled && <span className="badge warn">{m.disabledBadge}</span>}
                </span>
                {member.role === 'agent' && (
                  <button
                    type="button"
                    onClick={() => toggle(member)}
                    disabled={busy !== null}
                    aria-label={member.disabled ? m.enableLabel(member.name) : m.disableLabel(member.name)}
                  >
                    {member.disabled ? m.enable : m.disable}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
