import type { Exhibit } from '../protocol/index.ts';
import type { ExhibitRecord } from '../places/placeRecord.ts';

/** Folder of an exhibit's files within the place's folder; one rev per upload of its model. */
export function exhibitRevPath(exhibitId: string, rev: string): string {
  return `_exhibits/${exhibitId}/${rev}`;
}

/**
 * The exhibit as the API shows it: its stored file names become URLs under the place's file
 * base (see placeFileBase), so a grant or ASSET_BASE_URL applies to models as to tiles.
 */
export function toPublicExhibit(placeBase: string, e: ExhibitRecord): Exhibit {
  const { model, infoPoints, ...fields } = e;
  const base = `${placeBase}/${exhibitRevPath(e.id, model.rev)}`;
  return {
    ...fields,
    modelUrl: `${base}/${model.glb}`,
    ...(model.phone && { phoneModelUrl: `${base}/${model.phone}` }),
    usdzUrl: `${base}/${model.usdz}`,
    posterUrl: `${base}/${model.poster}`,
    bytes: model.bytes,
    ...(model.phoneBytes !== undefined && { phoneBytes: model.phoneBytes }),
    bounds: model.bounds,
    infoPoints: infoPoints.map(({ image, audio, ...p }) => ({
      ...p,
      ...(image && { imageUrl: `${base}/${image}` }),
      ...(audio && { audioUrl: `${base}/${audio}` }),
    })),
  };
}
