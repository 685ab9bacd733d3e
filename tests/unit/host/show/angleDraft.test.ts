import { describe, expect, it } from 'vitest';
import { angleDraftToBody, EMPTY_ANGLE_DRAFT, parseOffsetMs } from '../../../../client/host/show/angleDraft.ts';
import { angleSourceKind } from '../../../../client/host/show/angleSourceKind.ts';
import { liveCommand } from '../../../../client/host/show/liveCommand.ts';
import { placeFileBase, toPublicShow } from '../../../../server/places/toPublicPlace.ts';
import { sampleShow } from '../../db/samplePlace.ts';

describe('the add-angle form', () => {
  it('builds the body the API takes: trimmed labels, no empty Chinese label, the https address or published', () => {
    expect(angleDraftToBody({ ...EMPTY_ANGLE_DRAFT, label: ' Stage ', labelZh: ' ', url: ' https://cdn.example.com/a.m3u8 ' })).toEqual({
      ok: true,
      body: { label: 'Stage', projection: 'flat', offsetMs: 0, source: { kind: 'url', url: 'https://cdn.example.com/a.m3u8' } },
    });
    expect(angleDraftToBody({ ...EMPTY_ANGLE_DRAFT, label: 'Wide', labelZh: '全景', projection: '360-mono', source: 'published', url: 'ignored' })).toEqual({
      ok: true,
      body: { label: 'Wide', labelZh: '全景', projection: '360-mono', offsetMs: 0, source: { kind: 'published' } },
    });
  });

  it('names every field at fault: an empty or hostile label, a plain-http or missing address', () => {
    expect(angleDraftToBody({ ...EMPTY_ANGLE_DRAFT, label: '  ', labelZh: '舞台\u202e', url: 'http://cdn.example.com/a.m3u8' })).toEqual({ ok: false, problems: { label: 'label', labelZh: 'label', url: 'url' } });
    expect(angleDraftToBody({ ...EMPTY_ANGLE_DRAFT, label: 'x'.repeat(61), url: '' })).toEqual({ ok: false, problems: { label: 'label', url: 'url' } });
  });

  it('reads an offset as whole milliseconds within ±10 s, whatever minus sign was typed', () => {
    expect([' 1500 ', '-40', '\u2212250', '\u2013250', '+3', '10000', '-10000'].map(parseOffsetMs)).toEqual([1500, -40, -250, -250, 3, 10000, -10000]);
    expect(['', '1.5', '10001', '1e3', 'abc', '--1'].map(parseOffsetMs)).toEqual([null, null, null, null, null, null]);
  });
});

describe('what the console shows of an angle', () => {
  it('tells the source from the playlist URL the server makes, with and without a tile grant', () => {
    for (const grant of [undefined, 'g1.abc']) {
      const show = toPublicShow(placeFileBase('', 'gala', grant), 'gala', sampleShow());
      expect(show.angles.map((a) => angleSourceKind('gala', a))).toEqual(['loop', 'published', 'url']);
    }
    // Published files served by a CDN (ASSET_BASE_URL) are still published; a venue's own address is not.
    expect(angleSourceKind('gala', { id: 'cdn', playlistUrl: 'https://cdn.example.com/tiles/gala/_show/cdn/index.m3u8' })).toBe('published');
    expect(angleSourceKind('gala', { id: 'cdn', playlistUrl: 'https://venue.example.com/gala/cdn/index.m3u8' })).toBe('url');
  });

  it('gives the exact npm run live command for a published angle: its label, its picture kind, shell-safe', () => {
    expect(liveCommand('gala-1a2b3c', { id: 'wide-360', label: 'Wide 360', projection: '360-mono' })).toBe('npm run live -- --show gala-1a2b3c --angle "360:Wide 360=rtmp://0.0.0.0:1935/live/wide-360"');
    expect(liveCommand('gala', { id: 'vr', label: 'VR', projection: '360-stereo-tb' })).toBe('npm run live -- --show gala --angle "360tb:VR=rtmp://0.0.0.0:1935/live/vr"');
    expect(liveCommand('gala', { id: 'stage', label: 'Stage "A" $HOME', projection: 'flat' })).toBe('npm run live -- --show gala --angle "Stage \\"A\\" \\$HOME=rtmp://0.0.0.0:1935/live/stage"');
  });

  it('the command names the same angle to the publisher as the console does', async () => {
    const { parseAngleSpecs } = await import('../../../../server/show/publishLive.ts');
    for (const angle of [{ id: 'wide-360', label: 'Wide 360', projection: '360-mono' as const }, { id: 'stage', label: 'Stage', projection: 'flat' as const }]) {
      const arg = /--angle "(.*)"$/.exec(liveCommand('gala', angle))![1];
      expect(parseAngleSpecs([arg])).toEqual([{ ...angle, input: `rtmp://0.0.0.0:1935/live/${angle.id}` }]);
    }
  });
});
