/** Deterministic sentences for the benchmarks: the same text every run, so runs compare. */

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The parts a synthetic expectation is made of: subject, verb, adjective, object, ending. */
export const SUBJECTS = [
  'I',
  'I consistently',
  'I proactively',
  'I independently',
  'I regularly',
  'I confidently',
];
export const VERBS = [
  'improve',
  'design',
  'review',
  'maintain',
  'document',
  'automate',
  'monitor',
  'debug',
  'plan',
  'ship',
  'simplify',
  'own',
];
export const ADJECTIVES = [
  'reliable',
  'critical',
  'legacy',
  'shared',
  'customer-facing',
  'internal',
  'flaky',
  'new',
  'noisy',
  'unowned',
];
export const OBJECTS = [
  'deployment pipelines',
  'alerting rules',
  'service level objectives',
  'incident runbooks',
  'database migrations',
  'front-end components',
  'capacity plans',
  'integration tests',
  'on-call rotations',
  'observability dashboards',
  'access reviews',
  'cost reports',
];
export const ENDINGS = [
  'for my team.',
  'across several teams.',
  'so that customers notice fewer outages.',
  'before they become a problem.',
  'with occasional guidance.',
  'and share what I learn with the people around me.',
  "as appropriate to my team's priorities.",
  'and explain the trade-offs to people outside engineering.',
];
