/**
 * A load process for sessions.bench.ts: either the host (sends poses at a fixed rate and
 * records when) or a share of the viewers (records when each pose arrives). Times are
 * CLOCK_MONOTONIC microseconds (process.hrtime), the same clock in every process.
 *
 * Viewers speak WebSocket over raw TCP with a minimal reader (server frames are unmasked,
 * so a frame is a 2–10 byte header and the payload): a thousand viewers per process must cost
 * far less than the server they load, or the benchmark measures itself. Loopback only; every
 * loop is bounded by the parent's counts.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

type Msg =
  | { cmd: 'connect'; sessionId: string; credentials: string[] }
  | { cmd: 'go'; count: number; hz: number }
  | { cmd: 'report'; sendUs: number[]; from: number }
  | { cmd: 'exit' };

const [role, mode, wsUrl] = process.argv.slice(2) as ['host' | 'viewers', 'vantage' | 'raw', string];
const { hostname, port } = new URL(wsUrl);
const send = (m: unknown) => process.send!(m);
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

// The host encodes the pose number in its yaw (0.1° steps): -179.9 … 180, unique for 3600 poses.
const yawOf = (i: number) => ((i % 3600) - 1799) / 10;
const indexOf = (yaw: number) => Math.round(yaw * 10) + 1799;

/** Pose index and arrival time of everything this process's viewers received. */
let idx = new Int32Array(1 << 16);
let recv = new Float64Array(1 << 16);
let n = 0;
function record(i: number) {
  if (n === idx.length) {
    const ni = new Int32Array(idx.length * 2);
    ni.set(idx);
    idx = ni;
    const nr = new Float64Array(recv.length * 2);
    nr.set(recv);
    recv = nr;
  }
  idx[n] = i;
  recv[n++] = nowUs();
}

const YAW = Buffer.from('"yaw":');
const POSE = Buffer.from('"type":"pose"');

/** A client frame: text (or pong), masked as RFC 6455 requires of clients. */
function frame(payload: Buffer, opcode = 0x1): Buffer {
  const len = payload.length;
  const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.alloc(head + 4 + len);
  out[0] = 0x80 | opcode;
  if (head === 2) out[1] = 0x80 | len;
  else if (head === 4) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, head);
  for (let i = 0; i < len; i++) out[head + 4 + i] = payload[i] ^ mask[i & 3];
  return out;
}

class RawSocket {
  private pending: Buffer | null = null;
  private upgraded = false;
  welcomed = false;
  constructor(
    private readonly sock: net.Socket,
    private readonly onOpen: () => void,
    private readonly onFirst: (text: string) => void,
  ) {
    sock.setNoDelay(true);
    sock.on('data', (chunk: Buffer) => this.data(chunk));
  }
  sendText(text: string) {
    this.sock.write(frame(Buffer.from(text)));
  }
  close() {
    this.sock.destroy();
  }
  private data(chunk: Buffer) {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    if (!this.upgraded) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        this.pending = buf;
        return;
      }
      if (!buf.subarray(0, 12).toString().startsWith('HTTP/1.1 101')) {
        this.onFirst(`upgrade refused: ${buf.subarray(0, end).toString().split('\r\n')[0]}`);
        return;
      }
      this.upgraded = true;
      buf = buf.subarray(end + 4);
      this.onOpen();
    }
    let off = 0;
    while (buf.length - off >= 2) {
      const opcode = buf[off] & 0x0f;
      let len = buf[off + 1] & 0x7f;
      let head = 2;
      if (len === 126) {
        if (buf.length - off < 4) break;
        len = buf.readUInt16BE(off + 2);
        head = 4;
      } else if (len === 127) {
        if (buf.length - off < 10) break;
        len = Number(buf.readBigUInt64BE(off + 2));
        head = 10;
      }
      if (buf.length - off < head + len) break;
      const start = off + head;
      const stop = start + len;
      off = stop;
      if (opcode === 0x9) {
        this.sock.write(frame(buf.subarray(start, stop), 0xa));
      } else if (opcode === 0x8) {
        this.sock.destroy();
        return;
      } else if (opcode === 0x1) {
        if (!this.welcomed) {
          this.onFirst(buf.subarray(start, stop).toString());
          continue;
        }
        if (role !== 'viewers') continue;
        // Find the yaw in the bytes: no string for the whole frame, no JSON.parse.
        const at = buf.indexOf(YAW, start);
        if (at < 0 || at >= stop || buf.indexOf(POSE, start) >= stop) continue;
        let e = at + YAW.length;
        while (e < stop && buf[e] !== 0x2c && buf[e] !== 0x7d) e++;
        record(indexOf(Number(buf.toString('latin1', at + YAW.length, e))));
      }
    }
    if (off < buf.length) this.pending = buf.subarray(off);
  }
}

const sockets: RawSocket[] = [];

function open(sessionId: string, credential: string): Promise<RawSocket> {
  const path = mode === 'raw' ? '/' : `/ws/sessions/${sessionId}`;
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('no welcome within 30 s'));
    }, 30_000);
    sock.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    const hello = () => ws.sendText(mode === 'raw' ? credential : JSON.stringify(role === 'host' ? { type: 'hello', v: 1, hostKey: credential } : { type: 'hello', v: 1, token: credential }));
    const ws = new RawSocket(sock, hello, (text) => {
      if (text === 'ok' || text.startsWith('{"type":"welcome"')) {
        clearTimeout(timer);
        ws.welcomed = true;
        resolve(ws);
      } else {
        clearTimeout(timer);
        sock.destroy();
        reject(new Error(text.slice(0, 200)));
      }
    });
    sock.once('connect', () => {
      sock.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
  });
}

process.on('message', async (m: Msg) => {
  if (m.cmd === 'connect') {
    let failed = 0;
    const errors = new Set<string>();
    for (let i = 0; i < m.credentials.length; i += 100) {
      const opened = await Promise.allSettled(m.credentials.slice(i, i + 100).map((c) => open(m.sessionId, c)));
      for (const r of opened) {
        if (r.status === 'fulfilled') sockets.push(r.value);
        else {
          failed++;
          errors.add(String((r.reason as Error).message ?? r.reason).slice(0, 120));
        }
      }
    }
    send({ cmd: 'connected', open: sockets.length, failed, errors: [...errors].slice(0, 3) });
  } else if (m.cmd === 'go') {
    // Drift-free schedule: pose i leaves at start + i / hz.
    const sendUs: number[] = [];
    const start = performance.now();
    for (let i = 0; i < m.count; i++) {
      const wait = start + (i * 1000) / m.hz - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sendUs.push(nowUs());
      sockets[0].sendText(JSON.stringify({ type: 'pose', sceneId: 'living', yaw: yawOf(i), pitch: 0, fov: 80 }));
    }
    send({ cmd: 'sent', sendUs });
  } else if (m.cmd === 'report') {
    // Latency of every (viewer, pose) pair from the measured window on.
    const lat: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = idx[k];
      if (i >= m.from && i < m.sendUs.length) lat.push((recv[k] - m.sendUs[i]) / 1000);
    }
    send({ cmd: 'samples', latMs: lat });
  } else if (m.cmd === 'exit') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
send({ cmd: 'ready' });
