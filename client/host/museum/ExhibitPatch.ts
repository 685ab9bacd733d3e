import type { Exhibit, InfoPoint } from '@protocol';

/**
 * What the exhibit editor sends as PATCH …/exhibits/:id: any field it changes. Info points
 * go as the whole ordered list (the order is their numbering); their image and audio are
 * uploaded on their own and kept by the server under the point's id.
 */
export type ExhibitPatch = Partial<
  Pick<Exhibit, 'title' | 'titleZh' | 'description' | 'descriptionZh' | 'role' | 'minutes' | 'arScale' | 'eras'> & {
    infoPoints: Omit<InfoPoint, 'imageUrl' | 'audioUrl'>[];
    /** null takes the exhibit out of its hall or off the map. */
    hall: Exhibit['hall'] | null;
    map: Exhibit['map'] | null;
  }
>;
