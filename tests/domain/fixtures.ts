import type { Attribute, LevelStatus } from '../../src/domain/entities';
import { Framework, type CompetencyData, type LevelData, type TrackData } from '../../src/domain/framework';

const at = (line: number) => ({ path: 'fixture.md', line });

/** A competency's data with the given sentences. */
export function competency(
  slug: string,
  expectations: readonly string[] = [],
  examples: readonly string[] = [],
  options: { name?: string; emoji?: string | null } = {},
): CompetencyData {
  return {
    slug,
    name: options.name ?? slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    emoji: options.emoji === undefined ? '🦉' : options.emoji,
    source: at(1),
    expectations: expectations.map((text, i) => ({ text, source: at(10 + i) })),
    examples: examples.map((text, i) => ({ text, source: at(50 + i) })),
  };
}

/** Attributes from a record of label → value; keys are the camelCase of the labels. */
export function attributes(byLabel: Record<string, string>): Attribute[] {
  return Object.entries(byLabel).map(([label, value]) => ({
    key: label
      .toLowerCase()
      .split(/\s+/)
      .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
      .join(''),
    label,
    value,
  }));
}

/** A level's data; competencies and attributes default to none. */
export function level(
  code: string,
  rank: number,
  options: {
    status?: LevelStatus;
    title?: string;
    summary?: string | null;
    attributes?: Record<string, string>;
    competencies?: readonly CompetencyData[];
  } = {},
): LevelData {
  return {
    code,
    rank,
    title: options.title ?? `Level ${code}`,
    summary: options.summary ?? null,
    status: options.status ?? 'published',
    attributes: attributes(options.attributes ?? {}),
    competencies: options.competencies ?? [],
    source: at(1),
  };
}

/** A track's data. */
export function track(id: string, levels: readonly LevelData[], name = id): TrackData {
  return { id, name, description: null, levels, source: null };
}

/** A Framework of the given tracks. */
export function framework(...tracks: readonly TrackData[]): Framework {
  return new Framework({ version: 'test', loadedAt: new Date(0), tracks });
}
