/** A remote camera the page can show in a <video>. */
export interface RemoteVideo {
  /** LiveKit identity = the session participant id. */
  identity: string;
  attach(el: HTMLVideoElement): void;
  detach(el: HTMLVideoElement): void;
}

/**
 * The voice room as VoiceClient needs it: LiveKit in the browser (liveKitRoom.ts), the built-in
 * peer-to-peer voice for small groups (p2pRoom.ts), a fake
 * in tests. Remote audio plays by itself once connected.
 */
export interface VoiceRoom {
  connect(url: string, token: string): Promise<void>;
  disconnect(): Promise<void>;
  setMicrophone(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  /**
   * What this seat may publish changed (an invitation to speak, or its end): applied in place
   * when the room can (the built-in voice); without it VoiceClient rejoins with a new token.
   */
  updateGrants?(canPublish: readonly ('microphone' | 'camera')[]): Promise<void>;
  /** Browsers block sound until a tap: call from a click. */
  startAudio(): Promise<void>;
  readonly audioBlocked: boolean;
  readonly videos: readonly RemoteVideo[];
  /** Identities talking now. */
  readonly speaking: readonly string[];
  /** Tracks, speakers or playback changed. */
  onChange(listener: () => void): () => void;
  /** The connection ended without us asking (network, server, removed). */
  onLost(listener: () => void): () => void;
}
