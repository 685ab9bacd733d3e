import { useEffect, useId, useState } from 'react';
import { agentPhoneSchema, wechatIdSchema, type AgentProfile } from '@protocol';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { useTitle } from '../app/useTitle.ts';
import { AgentCard } from '../app/AgentCard.tsx';
import { profileMessages } from '../i18n/profileMessages.ts';
import { describeError } from './describeError.ts';
import { useHost } from './HostContext.ts';
import { HostHeading } from './HostHeading.tsx';
import { HostApiError } from './HostApiError.ts';
import { useHostMessages } from './useHostMessages.ts';

type Field = 'name' | 'phone' | 'wechatId' | 'agency';

/**
 * /host/profile — what visitors see of the agent: photo, name, phone, WeChat ID and QR code,
 * agency; with a preview of the listing's agent card. Images go up on their own (the server
 * re-encodes them); the fields are saved together.
 */
export function ProfilePage() {
  const { m, lang } = useHostMessages();
  const p = profileMessages(lang);
  const { api } = useHost();
  const uid = useId();
  useTitle(p.title);
  const [profile, setProfile] = useState<AgentProfile | null>(null);
  const [values, setValues] = useState<Record<Field, string>>({ name: '', phone: '', wechatId: '', agency: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'photo' | 'wechat-qr'>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.profile().then(
      (v) => {
        if (!live) return;
        setProfile(v);
        setValues({ name: v.name, phone: v.phone ?? '', wechatId: v.wechatId ?? '', agency: v.agency ?? '' });
      },
      (e) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (loadError) return <p className="host-error" role="alert">{describeError(m, loadError)}</p>;
  if (!profile) return <LoadingBlock />;

  const id = (f: string) => `${uid}-${f}`;
  const set = (f: Field) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setValues((v) => ({ ...v, [f]: e.target.value }));
    setStatus('');
    if (errors[f]) setErrors(({ [f]: _, ...rest }) => rest);
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) errs.name = p.problemName;
    if (values.phone.trim() && !agentPhoneSchema.safeParse(values.phone).success) errs.phone = p.problemPhone;
    if (values.wechatId.trim() && !wechatIdSchema.safeParse(values.wechatId).success) errs.wechatId = p.problemWechat;
    setErrors(errs);
    const first = (['name', 'phone', 'wechatId'] as const).find((f) => errs[f]);
    if (first) {
      document.getElementById(id(first))?.focus();
      return;
    }
    setBusy('save');
    setProblem(null);
    try {
      const saved = await api.putProfile({ name: values.name, phone: values.phone.trim(), wechatId: values.wechatId.trim(), agency: values.agency });
      setProfile(saved);
      setStatus(p.saved);
    } catch (err) {
      const f = err instanceof HostApiError ? (err.field as Field | undefined) : undefined;
      if (err instanceof HostApiError && f && f in values) {
        setErrors({ [f]: err.fieldMessage });
        document.getElementById(id(f))?.focus();
      } else setProblem(describeError(m, err));
    } finally {
      setBusy(null);
    }
  };

  const upload = async (kind: 'photo' | 'wechat-qr', file: File | undefined) => {
    if (!file) return;
    setBusy(kind);
    setProblem(null);
    setStatus(p.uploading);
    try {
      setProfile(await api.putProfileImage(kind, file));
      setStatus(kind === 'photo' ? p.photoSaved : p.qrSaved);
    } catch (err) {
      setStatus('');
      setProblem(describeError(m, err));
    } finally {
      setBusy(null);
    }
  };
  const remove = async (kind: 'photo' | 'wechat-qr') => {
    setBusy(kind);
    setProblem(null);
    try {
      setProfile(await api.deleteProfileImage(kind));
      setStatus(p.removed);
    } catch (err) {
      setProblem(describeError(m, err));
    } finally {
      setBusy(null);
    }
  };

  const field = (f: Field, label: string, input: React.ReactElement, hint?: string) => (
    <div className={`host-field f-${f}`}>
      <label htmlFor={id(f)}>{label}</label>
      {input}
      {hint && (
        <span className="host-hint" id={id(`${f}-hint`)}>
          {hint}
        </span>
      )}
      {errors[f] && (
        <span className="host-field-error" id={id(`${f}-err`)}>
          {errors[f]}
        </span>
      )}
    </div>
  );
  const described = (f: Field, hint: boolean) => [hint ? id(`${f}-hint`) : '', errors[f] ? id(`${f}-err`) : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className="profile-page">
      <HostHeading>{p.title}</HostHeading>
      <p className="host-lede">{p.lede}</p>
      {problem && (
        <p className="host-error" role="alert">
          {problem}
        </p>
      )}
      <p role="status" className="host-status">
        {status}
      </p>
      <section className="profile-images" aria-label={p.photo}>
        <div className="host-field">
          <label htmlFor={id('photo')}>{p.uploadPhoto}</label>
          <input id={id('photo')} type="file" accept="image/jpeg,image/png,image/webp" disabled={busy !== null} onChange={(e) => void upload('photo', e.currentTarget.files?.[0])} aria-describedby={id('photo-hint')} />
          <span className="host-hint" id={id('photo-hint')}>
            {p.photoHint}
          </span>
          {profile.photoUrl && (
            <button type="button" onClick={() => void remove('photo')} disabled={busy !== null}>
              {p.removePhoto}
            </button>
          )}
        </div>
        <div className="host-field">
          <label htmlFor={id('qr')}>{p.uploadQr}</label>
          <input id={id('qr')} type="file" accept="image/jpeg,image/png,image/webp" disabled={busy !== null} onChange={(e) => void upload('wechat-qr', e.currentTarget.files?.[0])} aria-describedby={id('qr-hint')} />
          <span className="host-hint" id={id('qr-hint')}>
            {p.wechatQrHint}
          </span>
          {profile.wechatQrUrl && (
            <>
              <img className="profile-qr" src={profile.wechatQrUrl} alt={p.wechatQr} width={120} height={120} />
              <button type="button" onClick={() => void remove('wechat-qr')} disabled={busy !== null}>
                {p.removeQr}
              </button>
            </>
          )}
        </div>
      </section>
      <form className="host-form profile-form" onSubmit={save} noValidate>
        {field('name', p.name, <input id={id('name')} type="text" value={values.name} onChange={set('name')} maxLength={80} autoComplete="name" aria-invalid={!!errors.name} aria-describedby={described('name', true)} />, p.nameHint)}
        {field('phone', p.phone, <input id={id('phone')} type="tel" value={values.phone} onChange={set('phone')} maxLength={32} autoComplete="tel" aria-invalid={!!errors.phone} aria-describedby={described('phone', true)} />, p.phoneHint)}
        {field('wechatId', p.wechatId, <input id={id('wechatId')} type="text" value={values.wechatId} onChange={set('wechatId')} maxLength={20} autoComplete="off" autoCapitalize="off" spellCheck={false} aria-invalid={!!errors.wechatId} aria-describedby={described('wechatId', true)} />, p.wechatIdHint)}
        {field('agency', p.agency, <input id={id('agency')} type="text" value={values.agency} onChange={set('agency')} maxLength={80} autoComplete="organization" aria-invalid={!!errors.agency} aria-describedby={described('agency', false)} />)}
        <div className="host-actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'save' ? p.saving : p.save}
          </button>
        </div>
      </form>
      <h2 className="profile-preview-h">{p.preview}</h2>
      <AgentCard agent={profile} headingLevel={3} id="profile-preview" />
    </div>
  );
}
