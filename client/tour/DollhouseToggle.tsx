import { useSyncExternalStore } from 'react';
import { dollhouseMessages } from '../i18n/dollhouseMessages.ts';
import { useI18n } from '../i18n/useI18n.ts';
import type { DollhouseController } from '../viewer/DollhouseController.ts';

/**
 * The tour's "Dollhouse" switch. The model is fetched when the pointer comes near the
 * button (so the common click finds it ready) or on the click; the dollhouse opens when
 * it is in.
 */
export function DollhouseToggle({ controller, open, onOpen, onClose }: { controller: DollhouseController; open: boolean; onOpen: () => void; onClose: () => void }) {
  const { lang } = useI18n();
  const m = dollhouseMessages(lang);
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const prefetch = () => void controller.load().catch(() => {});
  return (
    <>
      <button
        aria-pressed={open}
        aria-busy={state.status === 'loading'}
        title={m.openDollhouse}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onClick={() => {
          if (open) return onClose();
          controller.load().then(onOpen, () => {});
        }}
      >
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round">
          <path d="M2 7.5 9 2l7 5.5V16H2z M2 7.5 9 11l7-3.5 M9 11v5" />
        </svg>
        {m.dollhouse}
      </button>
      {state.status === 'error' && (
        <span className="toolbar-note" role="status">
          {m.modelFailed}
        </span>
      )}
    </>
  );
}
