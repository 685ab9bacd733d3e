/** One socket as the session sees it (a `ws` socket in production, a fake in tests). */
export interface Peer {
  /** One text frame; a Buffer holds its UTF-8 bytes (encoded once for a whole fan-out). */
  send(data: string | Buffer): void;
  /**
   * Optional fast path for fan-outs: writes `frame` (the complete WebSocket frame of `payload`,
   * built once by textFrame) straight to the connection when nothing else is queued on it, else
   * sends `payload` normally.
   */
  writeFrame?(frame: Buffer, payload: Buffer): void;
  /** Bytes queued but not yet written to the network. */
  bufferedAmount(): number;
  close(code: number, reason: string): void;
}
