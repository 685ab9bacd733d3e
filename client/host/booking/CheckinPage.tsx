import { useRef, useState } from 'react';
import { describeCheckin, describeCheckinError, type CheckinTone } from '../../booking/describeCheckin.ts';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';
import { describeError } from '../describeError.ts';
import { HostApiError } from '../HostApiError.ts';
import { useHostMessages } from '../useHostMessages.ts';
import { QrScanner } from './QrScanner.tsx';
import { useHostBookingApi } from './useHostBookingApi.ts';

/** Check-in at the door: scan the QR (camera) or type the code; one clear sentence per answer. */
export function CheckinPage({ placeId }: { placeId: string }) {
  const { b, lang } = useBookingMessages();
  const { m } = useHostMessages();
  const api = useHostBookingApi();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: CheckinTone; text: string; n: number } | null>(null);
  const [scanning, setScanning] = useState(false);
  const seq = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  async function check(raw: string) {
    if (!raw.trim()) return;
    const n = ++seq.current;
    setBusy(true);
    try {
      const r = await api.checkin(placeId, raw);
      if (n === seq.current) setResult({ ...describeCheckin(r, b, lang), n });
    } catch (e) {
      const text = e instanceof HostApiError ? describeCheckinError(e.code, b, e.status === 0 ? describeError(m, e) : e.message) : describeError(m, e);
      if (n === seq.current) setResult({ tone: 'error', text, n });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label={b.checkinTitle}>
      <p className="lede">{b.checkinLede}</p>
      <form
        className="checkin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void check(code).then(() => {
            setCode('');
            inputRef.current?.focus();
          });
        }}
      >
        <div>
          <label htmlFor="checkin-code" className="host-field">
            <strong>{b.typedCode}</strong>
          </label>
          <input
            ref={inputRef}
            id="checkin-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ABCDE-FGHJK-MNPQR-STVWX"
          />
        </div>
        <button type="submit" className="primary" disabled={busy || !code.trim()}>
          {b.checkIn}
        </button>
        <button type="button" onClick={() => setScanning((s) => !s)} aria-pressed={scanning}>
          {scanning ? b.stopScan : b.scan}
        </button>
      </form>
      <div aria-live="assertive" aria-atomic="true">
        {result && (
          <p key={result.n} className={`checkin-result ${result.tone}`} data-tone={result.tone}>
            <span aria-hidden="true">{result.tone === 'ok' ? '✓ ' : result.tone === 'warn' ? '! ' : '✕ '}</span>
            {result.text}
          </p>
        )}
      </div>
      {scanning && <QrScanner onCode={(c) => void check(c)} />}
    </section>
  );
}
