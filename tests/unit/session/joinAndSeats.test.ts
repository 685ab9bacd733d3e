import { describe, expect, it } from 'vitest';
import { codeFromInput, formatJoinCode, normaliseJoinCode } from '@protocol';
import { forgetViewerSeat, loadHostSeat, loadLastName, loadViewerSeat, saveHostSeat, saveLastName, saveViewerSeat, type SeatStorage } from '../../../client/session/sessionSeats.ts';

function memory(): SeatStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('join codes', () => {
  it('accepts what people type: any case, spaces and dashes, O for 0 and I/L for 1', () => {
    expect(normaliseJoinCode('abcde-fghjk')).toBe('ABCDEFGHJK');
    expect(normaliseJoinCode(' 0O1IL 23456 ')).toBe('0011123456');
    expect(normaliseJoinCode('ABCDE-FGHJ')).toBeNull();
    expect(normaliseJoinCode('ABCDE-FGHJU')).toBeNull(); // U is not in the alphabet
    expect(normaliseJoinCode('<script>')).toBeNull();
  });

  it('reads a pasted link as well as a code, and formats for reading aloud', () => {
    expect(codeFromInput('https://v.example/join/ABCDE-FGHJK')).toBe('ABCDEFGHJK');
    expect(codeFromInput('http://x/s/abcdefghjk#host=zzz')).toBe('ABCDEFGHJK');
    expect(formatJoinCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
  });
});

describe('seats kept in this browser', () => {
  it('keeps the host key per session', () => {
    const s = memory();
    saveHostSeat({ sessionId: 's1', hostKey: 'k1', code: 'ABCDE-FGHJK', joinUrl: 'http://x/join/ABCDE-FGHJK' }, s);
    expect(loadHostSeat('s1', s)?.hostKey).toBe('k1');
    expect(loadHostSeat('s2', s)).toBeNull();
  });

  it('keeps a viewer seat per code until it expires', () => {
    const s = memory();
    const seat = { sessionId: 's1', participantId: 'v1', name: 'Mum', token: 'v1.t', expiresAt: new Date(2000).toISOString() };
    saveViewerSeat('ABCDEFGHJK', seat, s);
    expect(loadViewerSeat('ABCDEFGHJK', s, 1000)?.name).toBe('Mum');
    expect(loadViewerSeat('ABCDEFGHJK', s, 3000)).toBeNull();
    expect(s.map.size).toBe(0); // the expired entry is gone
    saveViewerSeat('ABCDEFGHJK', seat, s);
    forgetViewerSeat('ABCDEFGHJK', s);
    expect(loadViewerSeat('ABCDEFGHJK', s, 1000)).toBeNull();
  });

  it('treats damaged entries and a broken storage as no seat', () => {
    const s = memory();
    s.setItem('vantage.sessionHost.s1', '{not json');
    s.setItem('vantage.sessionSeat.ABCDEFGHJK', JSON.stringify({ sessionId: 1 }));
    expect(loadHostSeat('s1', s)).toBeNull();
    expect(loadViewerSeat('ABCDEFGHJK', s)).toBeNull();
    const broken: SeatStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadHostSeat('s1', broken)).toBeNull();
    expect(() => saveLastName('Mum', broken)).not.toThrow();
    expect(loadLastName(broken)).toBe('');
  });
});
