/** What a session description offers to send, per media kind (ports 0 and recvonly/inactive sections send nothing). */
export interface SdpSends {
  audio: boolean;
  video: boolean;
  /** A data channel (the built-in voice uses none). */
  application: boolean;
  /** Any m-line of another kind. */
  other: boolean;
}

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/**
 * Reads the m-sections of an SDP (RFC 8866): a section sends unless its port is 0 or its
 * direction (its own `a=` line, else the session's, else sendrecv) is recvonly or inactive.
 * The server sees no media; this is how it refuses a viewer's description that would send
 * audio without an invitation to speak.
 */
export function sdpSends(sdp: string): SdpSends {
  const out: SdpSends = { audio: false, video: false, application: false, other: false };
  let sessionDir = 'sendrecv';
  let section: { kind: string; port: number; dir: string | null } | null = null;
  const close = () => {
    if (!section) return;
    const dir = section.dir ?? sessionDir;
    const sends = section.port !== 0 && (dir === 'sendrecv' || dir === 'sendonly');
    if (sends) {
      if (section.kind === 'audio' || section.kind === 'video' || section.kind === 'application') out[section.kind] = true;
      else out.other = true;
    }
  };
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      close();
      const [kind = '', port = ''] = line.slice(2).split(' ');
      section = { kind, port: Number.parseInt(port, 10) || 0, dir: null };
    } else if (line.startsWith('a=') && DIRECTIONS.has(line.slice(2))) {
      if (section) section.dir = line.slice(2);
      else sessionDir = line.slice(2);
    }
  }
  close();
  return out;
}
