import { useEffect, useRef } from 'react';
import { sessionMessages } from '../../i18n/sessionMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import type { RemoteVideo } from '../voice/VoiceRoom.ts';
import type { VoiceClient } from '../voice/VoiceClient.ts';
import { MicIcon } from './icons.tsx';
import { useVoiceState } from './useVoiceState.ts';

/** Voice status and the controls this person may use: sound on, microphone (host, invited speakers), camera (host). */
export function VoiceBar({ voice, allowed }: { voice: VoiceClient; allowed: boolean }) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  const s = useVoiceState(voice);
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
      {s.canPublish.includes('microphone') && (
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
