import type { IceServer, Participant, VoiceSignal, VoiceTokenResult } from '@protocol';
import type { SessionClient } from '../SessionClient.ts';
import type { VoiceRoom } from './VoiceRoom.ts';

/** What the built-in voice needs of the session: who is who, and the socket's voice lane. */
export interface P2pSession {
  me(): { id: string; role: 'host' | 'viewer' } | null;
  hostId(): string | null;
  participants(): readonly Participant[];
  sendSignal(to: string, signal: VoiceSignal): boolean;
  onSignal(listener: (from: string, signal: VoiceSignal) => void): () => void;
  /** The roster changed (joins, leaves, invitations to speak). */
  onChange(listener: () => void): () => void;
  /** A new welcome (a resume): signals sent meanwhile were lost. */
  onWelcome(listener: () => void): () => void;
}

export function sessionForVoice(client: SessionClient): P2pSession {
  return {
    me: () => client.state.me,
    hostId: () => client.state.snapshot?.hostId ?? null,
    participants: () => client.state.snapshot?.participants ?? [],
    sendSignal: (to, s) => client.sendSignal(to, s),
    onSignal: (l) => client.onSignal(l),
    onChange: (l) => client.subscribe(() => l()),
    onWelcome: (l) => client.onWelcome(() => l()),
  };
}

/**
 * The built-in voice has no tokens: what this seat may publish comes from the session's own
 * roster (the host always; a viewer while invited to speak), and the server checks it again on
 * every session description a viewer sends.
 */
export function p2pGrants(client: SessionClient): VoiceTokenResult {
  const me = client.me;
  const speaks = !!me && (me.role === 'host' || (me.speaker && !me.muted));
  return { enabled: true, url: '', token: '', room: client.state.snapshot?.id ?? '', identity: me?.id ?? '', canPublish: speaks ? ['microphone'] : [] };
}

export interface P2pRoomOptions {
  session: P2pSession;
  iceServers: readonly IceServer[];
  /** Remote voices play from hidden <audio> elements in here. */
  audioHost: HTMLElement;
  getMicrophone?: () => Promise<MediaStreamTrack>;
}

const SPEAKING_LEVEL = 0.04;

const defaultMicrophone = async () => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
  return stream.getAudioTracks()[0];
};

/** One RTCPeerConnection between the guide and one viewer (perfect negotiation: the viewer is the polite side). */
interface Link {
  peerId: string;
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  /** The guide's voice to the viewer, and the viewer's (when invited) back: the first audio transceiver. */
  main: RTCRtpTransceiver | null;
  /** Guide only: invited speakers' voices forwarded to this viewer, by speaker id. */
  forwards: Map<string, RTCRtpSender>;
  audios: Set<HTMLAudioElement>;
  /** Guide only: the <audio> playing this viewer's own voice. */
  mainAudio: HTMLAudioElement | null;
  openedAt: number;
  /** Viewer only: the guide's SDP session id (its `o=` line) this link answers; a new one means a new connection. */
  remoteSession: string | null;
}

/** A `ready` this soon after opening a link is the crossing of both sides' greetings, not a restart. */
const READY_DEBOUNCE_MS = 3000;
const sdpSessionId = (sdp: string) => /^o=\S+ (\S+)/m.exec(sdp)?.[1] ?? null;

/**
 * VoiceRoom on plain WebRTC for small groups (no LiveKit): a star of peer connections, the
 * guide ↔ each viewer, signalled over the session socket (the server relays only between the
 * host and a viewer). The guide's microphone goes to every viewer; a viewer invited to speak
 * sends to the guide, and the guide's browser forwards that voice to the other viewers, so
 * everyone hears a question without viewers ever connecting to each other. Muting stops the
 * RTP (the sender's track is removed), not just its loudness.
 */
export function createP2pRoom(opts: P2pRoomOptions): VoiceRoom & { readonly links: ReadonlyMap<string, RTCPeerConnection> } {
  const { session, audioHost } = opts;
  const getMicrophone = opts.getMicrophone ?? defaultMicrophone;
  const links = new Map<string, Link>();
  const changeListeners = new Set<() => void>();
  const offs: (() => void)[] = [];
  let mic: MediaStreamTrack | null = null;
  let micOn = false;
  let canSend = false;
  let blocked = false;
  let speaking: string[] = [];
  let connected = false;
  let levelTimer: ReturnType<typeof setInterval> | null = null;

  const emit = () => {
    for (const l of changeListeners) l();
  };
  const me = () => session.me();
  const isHost = () => me()?.role === 'host';
  const participant = (id: string) => session.participants().find((p) => p.id === id);
  /** Guide side: a viewer's voice is heard (and forwarded) only while invited and not muted. */
  const speaks = (id: string) => {
    const p = participant(id);
    return !!p && p.role === 'viewer' && p.speaker && !p.muted;
  };
  const signal = (to: string, s: VoiceSignal) => void session.sendSignal(to, s);

  const play = (link: Link, track: MediaStreamTrack, heard: boolean): HTMLAudioElement => {
    const el = document.createElement('audio');
    el.autoplay = true;
    el.dataset.identity = link.peerId;
    el.srcObject = new MediaStream([track]);
    el.muted = !heard;
    audioHost.appendChild(el);
    link.audios.add(el);
    el.play().then(
      () => {
        if (blocked && [...links.values()].every((l) => [...l.audios].every((a) => !a.paused))) {
          blocked = false;
          emit();
        }
      },
      (e: Error) => {
        // Autoplay without a tap: VoiceBar offers "Enable sound".
        if (e.name === 'NotAllowedError' && !blocked) {
          blocked = true;
          emit();
        }
      },
    );
    track.addEventListener('ended', () => {
      el.remove();
      link.audios.delete(el);
    });
    return el;
  };

  function closeLink(link: Link) {
    if (links.get(link.peerId) === link) links.delete(link.peerId);
    link.pc.onnegotiationneeded = link.pc.onicecandidate = link.pc.ontrack = link.pc.onconnectionstatechange = null;
    link.pc.close();
    for (const el of link.audios) el.remove();
    link.audios.clear();
    if (isHost()) syncForwards();
    emit();
  }

  function openLink(peerId: string): Link {
    const old = links.get(peerId);
    if (old) closeLink(old);
    const pc = new RTCPeerConnection({ iceServers: opts.iceServers.map((s) => ({ ...s })) });
    const link: Link = { peerId, pc, polite: !isHost(), makingOffer: false, ignoreOffer: false, main: null, forwards: new Map(), audios: new Set(), mainAudio: null, openedAt: Date.now(), remoteSession: null };
    links.set(peerId, link);
    pc.onnegotiationneeded = async () => {
      try {
        link.makingOffer = true;
        await pc.setLocalDescription();
        const d = pc.localDescription;
        if (d && links.get(peerId) === link) signal(peerId, { kind: 'description', sdpType: d.type === 'answer' ? 'answer' : 'offer', sdp: d.sdp });
      } catch {
        // closed meanwhile, or superseded by the other side's offer
      } finally {
        link.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate?.candidate) signal(peerId, { kind: 'candidate', candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex });
    };
    pc.ontrack = ({ track, transceiver }) => {
      if (isHost()) {
        if (transceiver !== link.main) return;
        link.mainAudio?.remove();
        link.mainAudio = play(link, track, speaks(peerId));
        syncForwards();
      } else {
        play(link, track, true);
      }
      emit();
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState !== 'failed' || links.get(peerId) !== link) return;
      // Start again from scratch: the viewer asks for a fresh offer; the guide asks the viewer to ask.
      closeLink(link);
      signal(peerId, { kind: 'ready' });
    };
    if (isHost()) {
      link.main = pc.addTransceiver('audio', { direction: speaks(peerId) ? 'sendrecv' : 'sendonly' });
      void link.main.sender.replaceTrack(micOn ? mic : null);
      syncForwards();
    }
    emit();
    return link;
  }

  /** Viewer side: send only while invited and the microphone is on; otherwise receive only. */
  function applyViewerSending(link: Link) {
    const main = link.main;
    if (!main || (main.currentDirection as string) === 'stopped') return;
    const dir: RTCRtpTransceiverDirection = canSend ? 'sendrecv' : 'recvonly';
    if (main.direction !== dir) main.direction = dir;
    void main.sender.replaceTrack(canSend && micOn ? mic : null).catch(() => {});
  }

  /** Guide side: each viewer's direction follows their invitation; invited speakers are forwarded to everyone else. */
  function syncForwards() {
    if (!isHost()) return;
    const speakers = [...links.values()].filter((l) => speaks(l.peerId) && l.main?.receiver.track && l.mainAudio);
    for (const link of links.values()) {
      if (link.pc.signalingState === 'closed') continue;
      const dir: RTCRtpTransceiverDirection = speaks(link.peerId) ? 'sendrecv' : 'sendonly';
      if (link.main && (link.main.currentDirection as string) !== 'stopped' && link.main.direction !== dir) link.main.direction = dir;
      if (link.mainAudio) link.mainAudio.muted = !speaks(link.peerId);
      const want = new Set(speakers.filter((s) => s !== link).map((s) => s.peerId));
      for (const [id, sender] of link.forwards) {
        if (want.has(id)) continue;
        link.pc.removeTrack(sender);
        link.forwards.delete(id);
      }
      for (const s of speakers) {
        if (s === link || link.forwards.has(s.peerId)) continue;
        const track = s.main!.receiver.track;
        link.forwards.set(s.peerId, link.pc.addTrack(track, new MediaStream([track])));
      }
    }
  }

  async function onSignal(from: string, s: VoiceSignal) {
    if (!connected) return;
    const host = isHost();
    // A star: the guide talks to viewers, a viewer only to the guide.
    if (!host && from !== session.hostId()) return;
    if (host && participant(from)?.role !== 'viewer') return;
    switch (s.kind) {
      case 'ready':
        if (host) {
          const l = links.get(from);
          const fresh = l && Date.now() - l.openedAt < READY_DEBOUNCE_MS && l.pc.connectionState !== 'failed';
          if (!fresh) openLink(from);
        } else {
          // The guide (re)started: drop what we had and ask for a fresh offer.
          const old = links.get(from);
          if (old) closeLink(old);
          signal(from, { kind: 'ready' });
        }
        return;
      case 'bye': {
        const l = links.get(from);
        if (l) closeLink(l);
        return;
      }
      case 'description': {
        let link = links.get(from);
        const sessionId = sdpSessionId(s.sdp);
        // The guide's offer from a new connection (it restarted): start a new one here too.
        if (link && !host && s.sdpType === 'offer' && link.remoteSession && sessionId !== link.remoteSession) link = undefined;
        if (!link) {
          if (host || s.sdpType !== 'offer') return; // the guide opens links only on `ready`
          link = openLink(from);
        }
        if (!host) link.remoteSession = sessionId;
        const { pc } = link;
        const collision = s.sdpType === 'offer' && (link.makingOffer || pc.signalingState !== 'stable');
        link.ignoreOffer = !link.polite && collision;
        if (link.ignoreOffer) return;
        try {
          await pc.setRemoteDescription({ type: s.sdpType, sdp: s.sdp });
          if (s.sdpType !== 'offer') return;
          if (!host) {
            link.main ??= pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio') ?? null;
            applyViewerSending(link);
          }
          await pc.setLocalDescription();
          const d = pc.localDescription;
          if (d) signal(from, { kind: 'description', sdpType: 'answer', sdp: d.sdp });
        } catch {
          // a description that no longer fits (closed, or crossed by a newer one): the next negotiation mends it
        }
        return;
      }
      case 'candidate': {
        const link = links.get(from);
        if (!link || !s.candidate) return;
        try {
          await link.pc.addIceCandidate({ candidate: s.candidate, sdpMid: s.sdpMid ?? null, sdpMLineIndex: s.sdpMLineIndex ?? null });
        } catch {
          // a candidate of an offer we ignored
        }
        return;
      }
    }
  }

  /** Say hello to the other side(s): a viewer to the guide; the guide to every connected viewer (who answer `ready`). */
  function greet() {
    if (isHost()) {
      for (const p of session.participants()) if (p.role === 'viewer' && p.connected && !links.has(p.id)) signal(p.id, { kind: 'ready' });
    } else {
      const host = session.hostId();
      const link = host ? links.get(host) : undefined;
      if (host && (!link || link.pc.connectionState === 'failed' || link.pc.connectionState === 'closed')) {
        if (link) closeLink(link);
        signal(host, { kind: 'ready' });
      }
    }
  }

  function onRoster() {
    if (!connected) return;
    if (isHost()) {
      // Viewers who left lose their link; invitations change directions and forwards.
      for (const link of [...links.values()]) if (!participant(link.peerId)) closeLink(link);
      syncForwards();
    }
  }

  /** Who is talking, from the receivers' audio levels (no extra analysis). */
  function sampleLevels() {
    const now: string[] = [];
    const host = session.hostId();
    for (const link of links.values()) {
      const r = link.main?.receiver;
      const level = r?.getSynchronizationSources?.()[0]?.audioLevel ?? 0;
      if (level > SPEAKING_LEVEL) now.push(isHost() ? link.peerId : (host ?? link.peerId));
    }
    if (now.join() !== speaking.join()) {
      speaking = now;
      emit();
    }
  }

  return {
    get links() {
      return new Map([...links].map(([id, l]) => [id, l.pc]));
    },
    async connect() {
      connected = true;
      canSend = isHost();
      offs.push(
        session.onSignal((from, s) => void onSignal(from, s)),
        session.onChange(onRoster),
        session.onWelcome(greet),
      );
      levelTimer = setInterval(sampleLevels, 400);
      greet();
    },
    async disconnect() {
      if (!connected) return;
      connected = false;
      for (const off of offs.splice(0)) off();
      if (levelTimer) clearInterval(levelTimer);
      for (const link of [...links.values()]) {
        signal(link.peerId, { kind: 'bye' });
        closeLink(link);
      }
      mic?.stop();
      mic = null;
      micOn = false;
    },
    async setMicrophone(on) {
      if (on && !(isHost() || canSend)) return;
      if (on && (!mic || mic.readyState === 'ended')) mic = await getMicrophone();
      micOn = on;
      for (const link of links.values()) {
        if (isHost()) void link.main?.sender.replaceTrack(on ? mic : null).catch(() => {});
        else applyViewerSending(link);
      }
    },
    async setCamera() {
      throw new Error('Vantage: the built-in voice carries no camera (configure LiveKit for the guide’s camera).');
    },
    async startAudio() {
      for (const link of links.values()) for (const el of link.audios) await el.play().catch(() => {});
      blocked = false;
      emit();
    },
    async updateGrants(canPublish) {
      if (isHost()) return;
      canSend = canPublish.includes('microphone');
      if (!canSend) micOn = false;
      for (const link of links.values()) applyViewerSending(link);
    },
    get audioBlocked() {
      return blocked;
    },
    videos: [],
    get speaking() {
      return speaking;
    },
    onChange(l) {
      changeListeners.add(l);
      return () => changeListeners.delete(l);
    },
    onLost() {
      // The session socket carries the signalling and reconnects by itself; links mend on `ready`.
      return () => {};
    },
  };
}
