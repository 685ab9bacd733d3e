import type { DemoMuseum } from '../../../server/demo/demoMuseumSchema.ts';
import type { DemoInfoPoint } from './DemoInfoPoint.ts';
import { DOORS, EYE, HALLS, PLACEMENTS, PLAN, STREET_DOOR, doorCentre, hallById, viewAngles, type HallDef } from './museumLayout.ts';

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** What the model builders measured: info points, and the site model's eras. */
export interface BuiltModel {
  id: string;
  file: string;
  infoPoints: DemoInfoPoint[];
  eras?: Array<{ id: string; year: number; label: string; labelZh: string; nodes: string[] }>;
}

/** The exhibits' catalogue text (zh-CN and en), keyed by exhibit id. */
const CATALOGUE: Record<string, { role: 'exhibit' | 'site'; title: string; titleZh: string; description: string; descriptionZh: string; minutes: number }> = {
  'meiping-vase': {
    role: 'exhibit',
    title: 'Blue-and-white meiping vase with peony scroll',
    titleZh: '青花缠枝牡丹纹梅瓶',
    description:
      'A plum vase in the manner of Jingdezhen porcelain of the Yuan dynasty (1271–1368): a broad high shoulder, a narrow foot and a small mouth, painted in underglaze cobalt blue with cloud-collar lappets, a peony scroll and lotus panels. A digital replica made for this demo museum, 36 cm high.',
    descriptionZh:
      '仿元代（1271—1368年）景德镇青花瓷风格的梅瓶：丰肩、敛足、小口，釉下钴蓝绘云肩纹、缠枝牡丹纹和莲瓣纹。本件为演示博物馆制作的数字复原品，高36厘米。',
    minutes: 4,
  },
  'bronze-ding': {
    role: 'exhibit',
    title: 'Bronze ding cauldron with taotie masks',
    titleZh: '饕餮纹青铜鼎',
    description:
      'A ritual cauldron in the style of the early Western Zhou (11th–10th century BCE): a deep round bowl on three columnar legs, two upright handles on the rim, a band of taotie masks and thunder spirals, and a cast inscription inside. Ding held meat offerings to the ancestors; sets of them marked a noble\'s rank. A digital replica, 42 cm high.',
    descriptionZh:
      '仿西周早期（公元前11—前10世纪）风格的礼器：深腹圆鼎，三柱足，口沿立双耳，颈部饰饕餮纹与云雷纹，腹内铸铭文。鼎用于盛放祭祀祖先的肉食，列鼎的数量标志着贵族的等级。本件为数字复原品，高42厘米。',
    minutes: 5,
  },
  'sand-table': {
    role: 'site',
    title: 'Sand table: Qingshui, a river town through the ages',
    titleZh: '沙盘：清水古城的变迁',
    description:
      'A model of a typical river town of the Jiangnan region as it grew over eight centuries: the Tang walls and gates, the Song pagoda and temple, the Ming houses, memorial arch and stone bridge, between the northern hills and the river. A composite made for this demo museum, not a survey of one real town. In AR, the buildings rise era by era.',
    descriptionZh:
      '表现一座典型江南河畔古城八百年间的发展：唐代城墙与城门，宋代佛塔与寺院，明代民居、牌坊与石拱桥，北倚群山，南临河流。本沙盘为演示博物馆综合制作，并非某一座真实城市的测绘。在AR中，建筑按朝代依次升起。',
    minutes: 8,
  },
};

function hallHotspots(hall: HallDef) {
  const hs: DemoMuseum['scenes'][number]['hotspots'] = [];
  for (const d of DOORS) {
    if (!d.halls.includes(hall.id)) continue;
    const target = d.halls.find((h) => h !== hall.id)!;
    const c = doorCentre(d);
    const dist = Math.hypot(c.x - hall.eye.x, c.y - hall.eye.y);
    const a = viewAngles(hall.eye, c, Math.max(0.4, Math.min(1.1, EYE - dist * 0.35)));
    hs.push({ id: `to-${target}`, kind: 'scene', target, yaw: round(a.yaw), pitch: round(a.pitch) });
  }
  for (const p of PLACEMENTS.filter((p) => p.hall === hall.id)) {
    const a = viewAngles(hall.eye, p, p.aim);
    hs.push({ id: `exhibit-${p.exhibitId}`, kind: 'exhibit', exhibitId: p.exhibitId, yaw: round(a.yaw), pitch: round(a.pitch) });
  }
  if (hall.id === 'entrance') {
    const a = viewAngles(hall.eye, STREET_DOOR, 1.4);
    hs.push({
      id: 'visitor-info',
      kind: 'info',
      yaw: round(a.yaw),
      pitch: round(a.pitch),
      title: 'Visitor information / 参观须知',
      text: 'Open Tuesday to Sunday, 9:00–17:00 (last entry 16:00); closed on Mondays. Entry is free with a timed ticket. 周二至周日9:00—17:00开放（16:00停止入场），周一闭馆。凭预约分时段门票免费入场。',
    });
  }
  return hs;
}

/** museum.json: the place, its halls (as tour scenes), the map and the exhibits with their model files. */
export function museumJson(models: BuiltModel[]): DemoMuseum {
  return {
    place: {
      id: 'demo-museum',
      kind: 'museum',
      title: 'Qingshui Old Town Museum',
      city: 'Hangzhou',
      address: '1 Qingshui Lane, Shangcheng District, Hangzhou (demo address)',
      price: null,
      currency: 'CNY',
      lat: 30.2741,
      lng: 120.1551,
      areaM2: Math.round(HALLS.reduce((s, h) => s + (h.rect.x1 - h.rect.x0) * (h.rect.y1 - h.rect.y0), 0)),
      description:
        'Three halls about a river town of the Jiangnan region: the Entrance Hall with a blue-and-white meiping vase, the Bronze Gallery with a ritual ding, and the Town History Hall with a sand table of the town from the Tang to the Ming — open it in AR and watch the buildings rise era by era. ' +
        '三个展厅讲述一座江南河畔古城：序厅展出青花梅瓶，青铜器厅展出礼器铜鼎，古城历史厅的沙盘呈现从唐到明的城市变迁——在AR中打开，看建筑按朝代依次升起。 ' +
        'Free timed entry, Tuesday to Sunday.',
    },
    startScene: 'entrance',
    scenes: HALLS.map((h) => ({
      id: h.id,
      name: h.name,
      nameZh: h.nameZh,
      north: 0,
      floor: { x: h.eye.x, y: h.eye.y },
      initialView: { yaw: h.initialYaw, pitch: -5, fov: 90 },
      hotspots: hallHotspots(h),
    })),
    floorPlan: {
      width: PLAN.width,
      height: PLAN.height,
      rooms: HALLS.map((h) => ({
        sceneId: h.id,
        polygon: [
          [h.rect.x0, h.rect.y0],
          [h.rect.x1, h.rect.y0],
          [h.rect.x1, h.rect.y1],
          [h.rect.x0, h.rect.y1],
        ] as Array<[number, number]>,
      })),
    },
    exhibits: models.map((m) => {
      const c = CATALOGUE[m.id];
      if (!c) throw new Error(`no catalogue entry for exhibit ${m.id}`);
      const p = PLACEMENTS.find((x) => x.exhibitId === m.id);
      if (!p) throw new Error(`exhibit ${m.id} is placed in no hall`);
      const a = viewAngles(hallById(p.hall).eye, p, p.aim);
      return {
        id: m.id,
        ...c,
        arScale: 1,
        model: m.file,
        hall: { sceneId: p.hall, yaw: round(a.yaw), pitch: round(a.pitch) },
        map: { x: p.x, y: p.y },
        ...(m.eras && { eras: m.eras }),
        infoPoints: m.infoPoints,
      };
    }),
  };
}
