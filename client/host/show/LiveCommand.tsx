import { useEffect, useId, useRef, useState } from 'react';
import type { Angle } from '@protocol';
import { liveCommand } from './liveCommand.ts';
import { useShowMessages } from './useShowMessages.ts';

/** The exact `npm run live` command for one published angle, selectable, with a copy button. */
export function LiveCommand({ placeId, angle }: { placeId: string; angle: Pick<Angle, 'id' | 'label' | 'projection'> }) {
  const { sm } = useShowMessages();
  const id = useId();
  const command = liveCommand(placeId, angle);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a refused permission): the command stays selectable.
      setCopied('no');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(null), 4000);
  };
  return (
    <div className="host-live-command">
      <p className="host-hint" id={`${id}-lede`}>
        {sm.commandLede}
      </p>
      <pre tabIndex={0} aria-describedby={`${id}-lede`}>
        <code>{command}</code>
      </pre>
      <div className="host-actions">
        <button type="button" className="host-small" onClick={copy}>
          {sm.copy}
        </button>
        <span role="status" className="host-status">
          {copied === 'yes' ? sm.copied : copied === 'no' ? sm.copyFailed : ''}
        </span>
      </div>
    </div>
  );
}
