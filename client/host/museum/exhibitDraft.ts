import type { Exhibit, InfoPoint, ModelCamera } from '@protocol';

type Vec3 = [number, number, number];

/** An info point as the editor holds it: optional Chinese text as '' until typed. */
export interface InfoPointDraft {
  id: string;
  position: Vec3;
  normal?: Vec3;
  camera?: ModelCamera;
  title: string;
  titleZh: string;
  text: string;
  textZh: string;
  /** What the server holds for it (shown, never sent back). */
  imageUrl?: string;
  audioUrl?: string;
}

/** The exhibit editor's form: everything the host can change, saved with one PATCH. */
export interface ExhibitDraft {
  title: string;
  titleZh: string;
  description: string;
  descriptionZh: string;
  role: Exhibit['role'];
  minutes: number;
  arScale: number;
  infoPoints: InfoPointDraft[];
  hall: { sceneId: string; yaw: number; pitch: number } | null;
  map: { x: number; y: number } | null;
}

export function infoPointDraft(p: InfoPoint): InfoPointDraft {
  return {
    id: p.id,
    position: [...p.position] as Vec3,
    normal: p.normal ? ([...p.normal] as Vec3) : undefined,
    camera: p.camera,
    title: p.title,
    titleZh: p.titleZh ?? '',
    text: p.text,
    textZh: p.textZh ?? '',
    imageUrl: p.imageUrl,
    audioUrl: p.audioUrl,
  };
}

/** The form's starting values from the exhibit as the server has it. */
export function exhibitDraft(e: Exhibit): ExhibitDraft {
  return {
    title: e.title,
    titleZh: e.titleZh ?? '',
    description: e.description,
    descriptionZh: e.descriptionZh ?? '',
    role: e.role,
    minutes: e.minutes,
    arScale: e.arScale,
    infoPoints: e.infoPoints.map(infoPointDraft),
    hall: e.hall ? { ...e.hall } : null,
    map: e.map ? { ...e.map } : null,
  };
}
