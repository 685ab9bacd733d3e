import { Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';
import type { RemoteVideo, VoiceRoom } from './VoiceRoom.ts';

/**
 * VoiceRoom on livekit-client. Remote audio tracks get an <audio> element inside
 * `audioHost` (hidden); remote cameras are listed for the page to attach. Loaded lazily:
 * pages without voice never download LiveKit.
 */
export function createLiveKitRoom(audioHost: HTMLElement): VoiceRoom {
  const room = new Room({ adaptiveStream: true, dynacast: true });
  const changeListeners = new Set<() => void>();
  const lostListeners = new Set<() => void>();
  let videos: RemoteVideo[] = [];
  let leaving = false;
  const emit = () => {
    for (const l of changeListeners) l();
  };
  const videoOf = (track: RemoteTrack, identity: string): RemoteVideo => ({
    identity,
    attach: (el) => void track.attach(el),
    detach: (el) => void track.detach(el),
  });
  const trackIds = new WeakMap<RemoteVideo, RemoteTrack>();

  room.on(RoomEvent.TrackSubscribed, (track, _pub, participant) => {
    if (track.kind === Track.Kind.Audio) {
      const el = track.attach();
      el.dataset.identity = participant.identity;
      audioHost.appendChild(el);
    } else if (track.kind === Track.Kind.Video) {
      const v = videoOf(track, participant.identity);
      trackIds.set(v, track);
      videos = [...videos, v];
    }
    emit();
  });
  room.on(RoomEvent.TrackUnsubscribed, (track) => {
    if (track.kind === Track.Kind.Audio) for (const el of track.detach()) el.remove();
    else videos = videos.filter((v) => trackIds.get(v) !== track);
    emit();
  });
  room.on(RoomEvent.AudioPlaybackStatusChanged, emit);
  room.on(RoomEvent.ActiveSpeakersChanged, emit);
  room.on(RoomEvent.Disconnected, () => {
    for (const el of [...audioHost.querySelectorAll('audio')]) el.remove();
    videos = [];
    emit();
    if (!leaving) for (const l of lostListeners) l();
  });

  return {
    connect: (url, token) => room.connect(url, token),
    async disconnect() {
      leaving = true;
      await room.disconnect();
    },
    async setMicrophone(on) {
      await room.localParticipant.setMicrophoneEnabled(on);
    },
    async setCamera(on) {
      await room.localParticipant.setCameraEnabled(on);
    },
    startAudio: () => room.startAudio(),
    get audioBlocked() {
      return !room.canPlaybackAudio;
    },
    get videos() {
      return videos;
    },
    get speaking() {
      return room.activeSpeakers.map((p) => p.identity);
    },
    onChange(l) {
      changeListeners.add(l);
      return () => changeListeners.delete(l);
    },
    onLost(l) {
      lostListeners.add(l);
      return () => lostListeners.delete(l);
    },
  };
}
