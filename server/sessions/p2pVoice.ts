import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { iceServerSchema, type IceServer } from '../protocol/session.ts';

/**
 * Built-in voice (no LiveKit): WebRTC between the guide and each viewer. The browsers need
 * ICE servers to find each other across networks — on one LAN (or localhost) none are
 * needed; across the internet a TURN server (coturn) relays what NAT blocks.
 */
export interface P2pVoiceConfig {
  /** Handed to every seat as they are (ICE_SERVERS, or TURN_URL with a static username and credential). */
  iceServers: IceServer[];
  /** coturn's `use-auth-secret`: each seat gets its own credential, valid for `ttlS`, derived from this secret. */
  turn?: { urls: string[]; secret: string; ttlS: number };
}

const listSchema = z.array(iceServerSchema).max(8);
const turnUrl = /^(turns?|stun):[^\s,]+$/;

/**
 * VOICE (`auto`: LiveKit when LIVEKIT_* are set, else built in; `p2p`: built in even with
 * LiveKit; `off`), ICE_SERVERS (a JSON list of RTCIceServer) and TURN_URL with TURN_USERNAME
 * + TURN_CREDENTIAL or TURN_SECRET. Null: voice is off. A bad value throws a sentence naming it.
 */
export function voiceModeFromEnv(env: NodeJS.ProcessEnv): 'auto' | 'p2p' | 'off' {
  const v = (env.VOICE ?? '').trim().toLowerCase() || 'auto';
  if (v !== 'auto' && v !== 'p2p' && v !== 'off') throw new Error(`Vantage: VOICE must be auto, p2p or off (got "${v.slice(0, 40)}").`);
  return v;
}

export function p2pVoiceConfigFromEnv(env: NodeJS.ProcessEnv): P2pVoiceConfig {
  const iceServers: IceServer[] = [];
  const rawList = env.ICE_SERVERS?.trim();
  if (rawList) {
    let json: unknown;
    try {
      json = JSON.parse(rawList);
    } catch {
      throw new Error('Vantage: ICE_SERVERS must be a JSON list such as [{"urls":"turn:turn.example.com:3478","username":"u","credential":"p"}].');
    }
    const parsed = listSchema.safeParse(json);
    if (!parsed.success) throw new Error(`Vantage: ICE_SERVERS is not a list of {urls, username?, credential?} (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
    iceServers.push(...parsed.data);
  }
  const urls = (env.TURN_URL ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  const user = env.TURN_USERNAME?.trim();
  const cred = env.TURN_CREDENTIAL?.trim();
  const secret = env.TURN_SECRET?.trim();
  if (!urls.length) {
    if (user || cred || secret) throw new Error('Vantage: TURN_USERNAME, TURN_CREDENTIAL and TURN_SECRET need TURN_URL (e.g. turn:turn.example.com:3478).');
    return { iceServers };
  }
  const bad = urls.find((u) => !turnUrl.test(u));
  if (bad) throw new Error(`Vantage: TURN_URL must be turn:host:port, turns:host:port or stun:host:port, comma-separated (got "${bad.slice(0, 80)}").`);
  if (secret) {
    if (user || cred) throw new Error('Vantage: set TURN_SECRET (coturn use-auth-secret) or TURN_USERNAME with TURN_CREDENTIAL, not both.');
    return { iceServers, turn: { urls, secret, ttlS: 12 * 3600 } };
  }
  if (!!user !== !!cred) throw new Error('Vantage: TURN_USERNAME and TURN_CREDENTIAL go together (or use TURN_SECRET).');
  iceServers.push(user ? { urls, username: user, credential: cred } : { urls });
  return { iceServers };
}

/**
 * The ICE servers one seat gets: the configured ones, plus with TURN_SECRET a credential of
 * its own (coturn's TURN REST scheme: username `<expiry>:<participant>`, credential
 * base64(HMAC-SHA1(secret, username))), so a leaked one stops working within `ttlS`.
 */
export function iceServersFor(config: P2pVoiceConfig, participantId: string, nowMs: number): IceServer[] {
  if (!config.turn) return config.iceServers;
  const username = `${Math.floor(nowMs / 1000) + config.turn.ttlS}:${participantId}`;
  const credential = createHmac('sha1', config.turn.secret).update(username).digest('base64');
  return [...config.iceServers, { urls: config.turn.urls, username, credential }];
}
