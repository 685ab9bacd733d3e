import { readFile } from 'node:fs/promises';
import type { CDPSession } from 'playwright-core';

export interface ChromiumProcess {
  type: string;
  pid: number;
  /** CPU seconds since the process started. */
  cpu: number;
}

/** Every process of the browser (browser, GPU, utility, renderers) with its CPU time, from CDP SystemInfo. */
export async function chromiumProcesses(browserCdp: CDPSession): Promise<ChromiumProcess[]> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
  return processInfo.map((p) => ({ type: p.type, pid: p.id, cpu: p.cpuTime }));
}

/** Resident memory of a process, bytes (VmRSS from /proc; 0 when it has gone). */
export async function rssBytes(pid: number): Promise<number> {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
