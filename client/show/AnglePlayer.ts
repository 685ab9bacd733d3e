import Hls, { type ErrorData, type HlsConfig } from 'hls.js';

/**
 * What an angle is doing: loading its first pictures, playing, stalled (waiting for data),
 * offline (its stream cannot be reached; it retries quietly), or invalid (its playlist is not
 * HLS; it stops).
 */
export type AngleStatus = 'loading' | 'playing' | 'stalled' | 'offline' | 'invalid';

/** How much this angle may hold and fetch: the main angle is free, a thumbnail is kept small. */
export type AngleRole = 'main' | 'thumb';

// Six angles on a phone: a thumbnail buffers a few seconds at the lowest rendition, the main a
// little more. Back buffers are short because nobody rewinds a live angle's thumbnail.
const BUFFERS: Record<AngleRole, Partial<HlsConfig>> = {
  main: { maxBufferLength: 12, maxMaxBufferLength: 20, backBufferLength: 8, maxBufferSize: 24e6 },
  thumb: { maxBufferLength: 5, maxMaxBufferLength: 8, backBufferLength: 3, maxBufferSize: 6e6 },
};

/** First retry of an offline angle after this many ms; doubles up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 30_000;
/** A playing angle whose picture has not moved for this long is restarted at the live edge. */
const STUCK_MS = 8000;
/** At most this many media-error recoveries a minute before the angle counts as offline. */
const MEDIA_RECOVERIES_PER_MIN = 3;

export interface AnglePlayerOptions {
  id: string;
  playlistUrl: string;
  role: AngleRole;
  /** Injected in tests; the real hls.js otherwise. */
  hlsSupported?: boolean;
}

/**
 * One angle: an hls.js instance and its <video>, muted unless it is the main angle. Reads the
 * program date of the picture on screen for the show's clock; recovers from stalls; goes
 * offline (and retries with backoff) when its stream cannot be reached, without disturbing the
 * other angles. Call dispose() to free the decoder, the buffers and the listeners.
 */
export class AnglePlayer {
  readonly id: string;
  readonly video: HTMLVideoElement;
  private readonly url: string;
  private hls: Hls | null = null;
  private role: AngleRole;
  private statusValue: AngleStatus = 'loading';
  private reasonValue: 'network' | 'http' | 'invalid' | 'media' | null = null;
  private httpStatus = 0;
  private retryMs = RETRY_FIRST_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastTime = -1;
  private lastMovedAt = 0;
  private mediaRecoveries: number[] = [];
  private readonly listeners = new Set<(s: AngleStatus) => void>();
  private readonly offMedia: (() => void)[] = [];
  private disposed = false;
  private readonly native: boolean;
  /** The frame last handed to the compositor (requestVideoFrameCallback): its media time and when it went on screen. */
  private presented: { mediaTime: number; shownAt: number } | null = null;
  private frameCallback = 0;

  constructor(opts: AnglePlayerOptions) {
    this.id = opts.id;
    this.url = opts.playlistUrl;
    this.role = opts.role;
    const v = document.createElement('video');
    // Muted autoplay is what every browser allows without a click; playsInline keeps iOS from going full screen.
    v.muted = true;
    v.defaultMuted = true;
    v.autoplay = true;
    v.playsInline = true;
    v.setAttribute('playsinline', '');
    v.preload = 'auto';
    v.crossOrigin = 'anonymous';
    v.disablePictureInPicture = true;
    v.dataset.angle = opts.id;
    this.video = v;
    const supported = opts.hlsSupported ?? Hls.isSupported();
    this.native = !supported && v.canPlayType('application/vnd.apple.mpegurl') !== '';
    const on = (type: string, fn: () => void) => {
      v.addEventListener(type, fn);
      this.offMedia.push(() => v.removeEventListener(type, fn));
    };
    on('playing', () => this.setStatus('playing'));
    on('waiting', () => this.statusValue === 'playing' && this.setStatus('stalled'));
    on('timeupdate', () => {
      if (this.statusValue === 'stalled' || this.statusValue === 'loading') if (!v.paused && v.readyState >= 3) this.setStatus('playing');
    });
    this.watchdog = setInterval(() => this.checkStuck(), 1000);
    if ('requestVideoFrameCallback' in v) {
      const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
        this.presented = { mediaTime: meta.mediaTime, shownAt: meta.expectedDisplayTime };
        if (!this.disposed) this.frameCallback = v.requestVideoFrameCallback(onFrame);
      };
      this.frameCallback = v.requestVideoFrameCallback(onFrame);
    }
    this.start();
  }

  get status(): AngleStatus {
    return this.statusValue;
  }

  /** Why the angle is offline or invalid, for one clear sentence (null when it plays). */
  get failure(): { kind: 'network' | 'http' | 'invalid' | 'media'; status?: number } | null {
    if (this.statusValue !== 'offline' && this.statusValue !== 'invalid') return null;
    const kind = this.reasonValue ?? 'network';
    return kind === 'http' ? { kind, status: this.httpStatus } : { kind };
  }

  /** Called on every status change; returns the unsubscribe. */
  onStatus(fn: (s: AngleStatus) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Program date (ms since the epoch) of the picture on screen: the playing fragment's
   * EXT-X-PROGRAM-DATE-TIME plus the offset into it. Null before the first fragment plays or
   * when the playlist has no program dates.
   */
  programMs(): number | null {
    if (this.hls) {
      const at = this.hls.playingDate?.getTime();
      if (at == null) return null;
      // currentTime runs ahead of the picture when the decoder lags (small software-decoded
      // thumbnails, a rate change): the frame last presented, plus how long it has shown, is
      // what the viewer sees. Stale (no frame for 200 ms: a stall) → the element's own time.
      const v = this.video;
      const p = this.presented;
      const now = performance.now();
      if (p && now - p.shownAt < 200) {
        const onScreen = p.mediaTime + (Math.max(0, now - p.shownAt) / 1000) * v.playbackRate;
        const ahead = v.currentTime - onScreen;
        if (Math.abs(ahead) < 1) return at - ahead * 1000;
      }
      return at;
    }
    // Safari's own HLS: the stream's start date plus the position.
    const start = (this.video as HTMLVideoElement & { getStartDate?: () => Date }).getStartDate?.().getTime();
    return start && Number.isFinite(start) ? start + this.video.currentTime * 1000 : null;
  }

  /** Playing with a picture and not seeking: its programMs() is worth syncing on. */
  get ready(): boolean {
    const v = this.video;
    return this.statusValue === 'playing' && !v.paused && !v.seeking && v.readyState >= 2;
  }

  /** Main: any rendition, a longer buffer. Thumb: the lowest rendition, a short buffer. */
  setRole(role: AngleRole): void {
    this.role = role;
    const hls = this.hls;
    if (!hls) return;
    // hls.js reads these on every buffering tick, so changing them takes effect without a reload
    // (and without flushing what is on screen: the switch stays instant).
    Object.assign(hls.config, BUFFERS[role]);
    hls.autoLevelCapping = role === 'thumb' ? 0 : -1;
  }

  /** Sound on or off (only the main angle has sound). */
  setMuted(muted: boolean): void {
    this.video.muted = muted;
  }

  setRate(rate: number): void {
    if (this.video.playbackRate !== rate) this.video.playbackRate = rate;
  }

  /** Move the playhead by `seconds` (the sync's answer to a follower far off). */
  seekBy(seconds: number): void {
    const v = this.video;
    v.currentTime = Math.max(0, v.currentTime + seconds);
  }

  /** Move the playhead to `seconds` from the stream's start (a replay's scrubber). */
  seekTo(seconds: number): void {
    const v = this.video;
    const end = Number.isFinite(v.duration) ? v.duration : Infinity;
    v.currentTime = Math.min(Math.max(0, seconds), end);
  }

  pause(): void {
    this.video.pause();
  }

  /** Ask the element to play (autoplay can be refused: the caller shows an unmute / play button). */
  play(): Promise<void> {
    return this.video.play().catch(() => {});
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    for (const off of this.offMedia) off();
    this.listeners.clear();
    if (this.frameCallback) this.video.cancelVideoFrameCallback(this.frameCallback);
    this.destroyHls();
    const v = this.video;
    v.removeAttribute('src');
    v.load(); // releases the decoder and the media source's memory
    v.remove();
  }

  private start(): void {
    if (this.disposed) return;
    this.lastMovedAt = performance.now();
    if (this.native) {
      this.video.src = this.url;
      this.video.addEventListener('error', () => this.goOffline('network'), { once: true });
      void this.play();
      return;
    }
    if (!Hls.isSupported()) {
      this.reasonValue = 'media';
      this.setStatus('invalid');
      return;
    }
    const hls = new Hls({
      ...BUFFERS[this.role],
      // hls.js's own live-latency control would fight the show's clock (it changes playbackRate
      // and jumps to the live edge on its own): off. The show's sync does both, for all angles together.
      lowLatencyMode: false,
      maxLiveSyncPlaybackRate: 1,
      liveMaxLatencyDurationCount: Infinity,
      liveSyncDurationCount: 3,
      capLevelToPlayerSize: true,
      startLevel: this.role === 'thumb' ? 0 : -1,
      // The player decides about retries (an offline angle retries quietly with backoff).
      manifestLoadPolicy: {
        default: {
          maxTimeToFirstByteMs: 8000,
          maxLoadTimeMs: 15_000,
          timeoutRetry: { maxNumRetry: 1, retryDelayMs: 0, maxRetryDelayMs: 0 },
          errorRetry: { maxNumRetry: 1, retryDelayMs: 500, maxRetryDelayMs: 1000 },
        },
      },
    });
    this.hls = hls;
    if (this.role === 'thumb') hls.autoLevelCapping = 0;
    hls.on(Hls.Events.ERROR, (_e, data) => this.onError(data));
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      this.retryMs = RETRY_FIRST_MS;
      if (this.role === 'thumb') hls.autoLevelCapping = 0;
      void this.play();
    });
    hls.loadSource(this.url);
    hls.attachMedia(this.video);
  }

  private destroyHls(): void {
    this.hls?.destroy();
    this.hls = null;
  }

  private onError(data: ErrorData): void {
    if (!data.fatal || this.disposed) return;
    const hls = this.hls;
    if (!hls) return;
    if (data.details === Hls.ErrorDetails.MANIFEST_PARSING_ERROR || data.details === Hls.ErrorDetails.MANIFEST_INCOMPATIBLE_CODECS_ERROR) {
      // Not a playlist (or one this browser cannot play): retrying will not help.
      this.reasonValue = 'invalid';
      this.destroyHls();
      this.setStatus('invalid');
      return;
    }
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      const now = performance.now();
      this.mediaRecoveries = this.mediaRecoveries.filter((t) => now - t < 60_000);
      if (this.mediaRecoveries.length < MEDIA_RECOVERIES_PER_MIN) {
        this.mediaRecoveries.push(now);
        hls.recoverMediaError();
        return;
      }
      this.goOffline('media');
      return;
    }
    const code = data.response?.code ?? 0;
    if (code >= 400) this.httpStatus = code;
    this.goOffline(code >= 400 ? 'http' : 'network');
  }

  /** Off the air: free this angle's hls.js and try again later, doubling the wait each time. */
  private goOffline(reason: 'network' | 'http' | 'media'): void {
    this.reasonValue = reason;
    this.destroyHls();
    this.setStatus('offline');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.disposed) return;
      this.start();
    }, this.retryMs);
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }

  /** A picture that has not moved for STUCK_MS while it should play: restart loading at the live edge. */
  private checkStuck(): void {
    const v = this.video;
    const now = performance.now();
    if (v.currentTime !== this.lastTime || v.paused || this.statusValue === 'offline' || this.statusValue === 'invalid') {
      this.lastTime = v.currentTime;
      this.lastMovedAt = now;
      return;
    }
    if (now - this.lastMovedAt < STUCK_MS || !this.hls) return;
    this.lastMovedAt = now;
    this.hls.stopLoad();
    this.hls.startLoad(-1);
  }

  private setStatus(s: AngleStatus): void {
    if (s === this.statusValue) return;
    this.statusValue = s;
    if (s === 'playing') this.reasonValue = null;
    for (const fn of this.listeners) fn(s);
  }
}
