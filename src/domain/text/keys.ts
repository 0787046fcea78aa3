import { foldAccents } from './normalise';

/** `Teaching and Mentoring` → `teaching-and-mentoring`; accents dropped, other scripts kept. */
export function slugify(name: string): string {
  return foldAccents(name)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** `Responsibility and direction needed` → `responsibilityAndDirectionNeeded`: an attribute's key. */
export function camelCase(label: string): string {
  const words = foldAccents(label)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
}

/** `site-reliability-engineer` → `Site Reliability Engineer`. */
export function nameFromId(id: string): string {
  return id
    .split('-')
    .filter((w) => w.length > 0)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}
