import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Host, HostStore } from '../db/createHostStore.ts';
import { IngestError } from '../ingest/IngestError.ts';
import { AGENT_FILE, HOST_ID, type AgentImageKind } from './agentFile.ts';

/** A phone photo is ~12 MP; anything far above that is not a portrait. */
const MAX_INPUT_PIXELS = 50_000_000;
const LABEL: Record<AgentImageKind, string> = { photo: 'The photo', wechat: 'The WeChat QR image' };

/**
 * Re-encodes an agent's upload (JPEG/PNG/WebP, sniffed from its bytes) and stores it the
 * crash-safe way: new file under a random name, profile pointed at it, then the old file
 * removed. Re-encoding drops every metadata block (EXIF GPS, camera serials) after applying
 * the EXIF rotation; the photo becomes a 480 px square WebP, the QR code a PNG (lossless,
 * so it still scans) at most 600 px. Throws IngestError for what the uploader can fix.
 */
export async function storeAgentImage(opts: { hosts: HostStore; dir: string; hostId: string; kind: AgentImageKind; bytes: Buffer }): Promise<Host> {
  const { kind, bytes } = opts;
  if (!HOST_ID.test(opts.hostId)) throw new Error(`Vantage: "${opts.hostId.slice(0, 64)}" is not a host id`);
  const b = bytes;
  const known =
    (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) ||
    (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) ||
    (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP');
  if (!known) throw new IngestError('not-image', `${LABEL[kind]} must be a JPEG, PNG or WebP image.`);
  let out: Buffer;
  try {
    const img = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' }).rotate();
    const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if ((meta.width ?? 0) < 64 || (meta.height ?? 0) < 64) throw new IngestError('corrupt', `${LABEL[kind]} is smaller than 64 × 64 pixels; upload a larger one.`);
    out =
      kind === 'photo'
        ? await img.resize(480, 480, { fit: 'cover', position: 'attention' }).webp({ quality: 82 }).toBuffer()
        : await img.resize(600, 600, { fit: 'inside', withoutEnlargement: true }).png().toBuffer();
  } catch (e) {
    if (e instanceof IngestError) throw e;
    const big = /pixel limit/i.test(String((e as Error).message));
    throw new IngestError(big ? 'too-large' : 'corrupt', big ? `${LABEL[kind]} has more than 50 million pixels; upload a smaller one.` : `${LABEL[kind]} could not be read; it may be damaged — export it again.`, { cause: e });
  }
  const name = `${kind}-${randomBytes(6).toString('hex')}.${kind === 'photo' ? 'webp' : 'png'}`;
  const dir = path.join(opts.dir, opts.hostId);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, name), out);
  const field = kind === 'photo' ? 'photo' : 'wechatQr';
  const saved = await opts.hosts.updateProfile(opts.hostId, (h) => ({ name: h.name, profile: { ...h.profile, [field]: name } }));
  if (!saved) {
    await rm(path.join(dir, name), { force: true });
    throw new Error(`Vantage: host "${opts.hostId}" no longer exists`);
  }
  await removeAgentFile(opts.dir, opts.hostId, saved.before.profile[field]);
  return saved.after;
}

/** Removes a file storeAgentImage wrote; anything else (a name it never writes) is left alone. */
export async function removeAgentFile(dir: string, hostId: string, file: string | undefined): Promise<void> {
  if (!file || !AGENT_FILE.test(file) || !HOST_ID.test(hostId)) return;
  await rm(path.join(dir, hostId, file), { force: true });
}
