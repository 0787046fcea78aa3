import { editDistance } from '../domain/closest-ids';
import { slugify } from '../domain/text/keys';

/**
 * The candidate a name was most likely meant to be, for "did you mean": the closest by edit distance
 * over slugs (so case, emoji and punctuation do not count), within about one letter in five. Tighter
 * than the API's id suggestions: a competency or attribute an author adds on purpose ("Customer
 * Focus" beside "Customer Success") must not be taken for a typo. Null when nothing is that close or
 * the name is already one of the candidates.
 */
export function nearMiss<T>(name: string, candidates: readonly T[], nameOf: (c: T) => string): T | null {
  const wanted = slugify(name);
  if (wanted.length === 0) return null;
  let best: { candidate: T; distance: number } | null = null;
  for (const candidate of candidates) {
    const slug = slugify(nameOf(candidate));
    if (slug === wanted) return null;
    const distance = editDistance(wanted, slug);
    const limit = Math.max(1, Math.floor(Math.max(wanted.length, slug.length) / 5));
    if (distance <= limit && (best === null || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate ?? null;
}
