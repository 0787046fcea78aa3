import type { Competency, Level } from '../entities';
import { TermWeights } from './counterparts';
import { diffTexts } from './match-items';
import type {
  AttributeChange,
  ChangeStatus,
  CompetencyDiff,
  DiffOptions,
  DiffSummary,
  LevelDiff,
  TextChange,
  TextDiffOptions,
} from './types';

/**
 * What changes from `from` to `to`; the levels may be on different tracks, or the same level. Items pair
 * as in {@link diffTexts}, counterparts included, with terms weighted by how rare they are among the
 * items of the two levels: the sentences being compared are the corpus that tells a telling word from a
 * common one, so the result depends on these two levels alone (not on the rest of the framework or on
 * its version) and is the same both ways round.
 */
export function diffLevels(from: Level, to: Level, options: DiffOptions = {}): LevelDiff {
  const weights = TermWeights.over([...itemTexts(from), ...itemTexts(to)]);
  const textOptions: TextDiffOptions = { ...options, weights };
  const competencies = matchBySlug(from.competencies, to.competencies).map(([a, b]) =>
    diffCompetency(a, b, textOptions),
  );
  const summary = summarise(competencies.flatMap((c) => [...c.expectations, ...c.examples]));
  return { from, to, attributes: diffAttributes(from, to), competencies, summary };
}

function itemTexts(level: Level): string[] {
  return level.competencies.flatMap((c) => [...c.expectations, ...c.examples].map((item) => item.text));
}

function summarise(changes: readonly TextChange[]): DiffSummary {
  const summary = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const change of changes) summary[change.status]++;
  return summary;
}

function diffAttributes(from: Level, to: Level): AttributeChange[] {
  const before = new Map(from.attributes.map((a) => [a.key, a]));
  const after = new Set(to.attributes.map((a) => a.key));
  const changes: AttributeChange[] = to.attributes.map((a) => {
    const old = before.get(a.key);
    const status: ChangeStatus = !old ? 'added' : old.value === a.value ? 'unchanged' : 'changed';
    return { key: a.key, label: a.label, from: old?.value ?? null, to: a.value, status };
  });
  for (const a of from.attributes)
    if (!after.has(a.key))
      changes.push({ key: a.key, label: a.label, from: a.value, to: null, status: 'removed' });
  return changes;
}

/** Pairs of competencies with the same slug, in `to`'s order, then those only `from` has. */
function matchBySlug(
  from: readonly Competency[],
  to: readonly Competency[],
): [Competency | null, Competency | null][] {
  const before = new Map(from.map((c) => [c.slug, c]));
  const after = new Set(to.map((c) => c.slug));
  const pairs: [Competency | null, Competency | null][] = to.map((c) => [before.get(c.slug) ?? null, c]);
  for (const c of from) if (!after.has(c.slug)) pairs.push([c, null]);
  return pairs;
}

function diffCompetency(
  from: Competency | null,
  to: Competency | null,
  options: TextDiffOptions,
): CompetencyDiff {
  const texts = (c: Competency | null, kind: 'expectations' | 'examples') =>
    c?.[kind].map((i) => i.text) ?? [];
  const expectations = diffTexts(texts(from, 'expectations'), texts(to, 'expectations'), options);
  const examples = diffTexts(texts(from, 'examples'), texts(to, 'examples'), options);
  const shown = (to ?? from)!;
  const status: ChangeStatus = !from
    ? 'added'
    : !to
      ? 'removed'
      : [...expectations, ...examples].every((c) => c.status === 'unchanged')
        ? 'unchanged'
        : 'changed';
  const summary = summarise([...expectations, ...examples]);
  return { slug: shown.slug, name: shown.name, emoji: shown.emoji, status, expectations, examples, summary };
}
