import { useEffect, useRef } from 'react';
import { sessionMessages } from '../../i18n/sessionMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import type { RemoteVideo } from '../voice/VoiceRoom.ts';
import type { VoiceClient } from '../voice/VoiceClient.ts';
import { MicIcon } from './icons.tsx';
import { usePushToTalkKey } from './usePushToTalkKey.ts';
import { useVoiceState } from './useVoiceState.ts';

/** Voice status and the controls this person may use: sound on, microphone and push-to-talk (host, invited speakers), camera (host, with LiveKit). */
export function VoiceBar({ voice, allowed }: { voice: VoiceClient; allowed: boolean }) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  const s = useVoiceState(voice);
  const canTalk = allowed && s.status === 'on' && s.canPublish.includes('microphone');
  usePushToTalkKey(voice, canTalk);
  if (s.status === 'off' || s.status === 'unavailable' || !allowed) {
    return (
      <span className="voice-status off" role="status" title={m.voiceOffHint}>
        <MicIcon off /> <span className="bar-label">{s.status === 'unavailable' ? m.voiceUnavailable : m.voiceOff}</span>
      </span>
    );
  }
  if (s.status === 'connecting') {
    return (
      <span className="voice-status" role="status">
        {m.voiceConnecting}
      </span>
    );
  }
  return (
    <span className="voice-controls">
      <span className="sr-only" role="status">
        {m.voiceOn}
      </span>
      {s.audioBlocked && (
        <button className="primary" onClick={() => void voice.enableAudio()}>
          {m.enableSound}
        </button>
      )}
      {canTalk && (!s.mic || s.talking) && <TalkButton voice={voice} talking={s.talking} label={m.holdToTalk} hint={m.holdToTalkHint} />}
      {canTalk && !s.talking && (
        <button aria-pressed={s.mic} onClick={() => void voice.setMic(!s.mic)}>
          <MicIcon off={!s.mic} /> <span className="bar-label">{s.mic ? m.micOff : m.micOn}</span>
        </button>
      )}
      {s.canPublish.includes('camera') && (
        <button aria-pressed={s.camera} onClick={() => void voice.setCamera(!s.camera)}>
          {s.camera ? m.cameraOff : m.cameraOn}
        </button>
      )}
      {s.deviceError && (
        <span className="voice-error" role="alert">
          {s.deviceError === 'microphone' ? m.micDenied : m.cameraDenied}
        </span>
      )}
    </span>
  );
}

/** Talk while held: pointer (mouse, finger) or Space/Enter on the focused button. */
function TalkButton({ voice, talking, label, hint }: { voice: VoiceClient; talking: boolean; label: string; hint: string }) {
  const press = (down: boolean) => void voice.pushToTalk(down);
  return (
    <button
      className={`talk-button${talking ? ' talking' : ''}`}
      aria-pressed={talking}
      title={hint}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture?.(e.pointerId);
        press(true);
      }}
      onPointerUp={() => press(false)}
      onPointerCancel={() => press(false)}
      onKeyDown={(e) => {
        if (e.key !== ' ' && e.key !== 'Enter') return;
        e.preventDefault();
        if (!e.repeat) press(true);
      }}
      onKeyUp={(e) => {
        if (e.key === ' ' || e.key === 'Enter') press(false);
      }}
      onBlur={() => press(false)}
      onContextMenu={(e) => e.preventDefault()}
    >
      <MicIcon /> <span className="bar-label">{label}</span>
    </button>
  );
}

/** The guide's camera, small in a corner. */
export function RemoteVideos({ voice, names }: { voice: VoiceClient; names: Map<string, string> }) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  const s = useVoiceState(voice);
  if (s.videos.length === 0) return null;
  return (
    <div className="session-videos">
      {s.videos.map((v, i) => (
        <VideoTile key={`${v.identity}-${i}`} video={v} label={m.guideCamera(names.get(v.identity) ?? '')} />
      ))}
    </div>
  );
}

function VideoTile({ video, label }: { video: RemoteVideo; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    video.attach(el);
    return () => video.detach(el);
  }, [video]);
  return <video ref={ref} className="session-video" aria-label={label} autoPlay playsInline muted />;
}
