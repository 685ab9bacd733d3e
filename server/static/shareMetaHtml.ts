import type { Place } from '../protocol/index.ts';

/** Text for an HTML attribute or element: every character that could end one is an entity. Host-written titles pass through here. */
const escapeHtml = (s: string) => s.replace(/[&<>"'=]/g, (c) => `&#${c.charCodeAt(0)};`);

/** At most this many characters of the description in a share card (chat apps cut longer ones anyway). */
const DESCRIPTION_MAX = 200;

/**
 * The share card a link makes in chat apps and social sites (Open Graph and Twitter tags, read
 * from the HTML without running it): the place's title, the start of its description, its cover
 * picture and the address shared, plus the page's <title>. `origin` makes relative URLs
 * absolute (crawlers need them). Every value is escaped: titles are written by hosts.
 */
export function shareMetaHtml(place: Pick<Place, 'title' | 'description' | 'coverUrl' | 'city'>, pageUrl: string, origin: string): string {
  const abs = (u: string) => (/^https?:\/\//.test(u) ? u : `${origin}${u.startsWith('/') ? '' : '/'}${u}`);
  const words = place.description.replace(/\s+/g, ' ').trim();
  const description = words.length > DESCRIPTION_MAX ? `${words.slice(0, DESCRIPTION_MAX - 1).trimEnd()}…` : words || place.city;
  const tags: [string, string, string][] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:site_name', 'Vantage'],
    ['property', 'og:title', place.title],
    ['property', 'og:url', pageUrl],
    ['name', 'twitter:card', place.coverUrl ? 'summary_large_image' : 'summary'],
    ['name', 'twitter:title', place.title],
  ];
  if (description) tags.push(['property', 'og:description', description], ['name', 'description', description], ['name', 'twitter:description', description]);
  if (place.coverUrl) tags.push(['property', 'og:image', abs(place.coverUrl)], ['name', 'twitter:image', abs(place.coverUrl)]);
  return tags.map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeHtml(value)}">`).join('');
}

/** The page's HTML with the share card in its head and the place's name in its title. */
export function withShareMeta(html: string, place: Pick<Place, 'title' | 'description' | 'coverUrl' | 'city'>, pageUrl: string, origin: string): string {
  const titled = html.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(place.title)} · Vantage</title>`);
  return titled.replace('</head>', `${shareMetaHtml(place, pageUrl, origin)}</head>`);
}
