import { TermWeights } from './diff/counterparts';
import { diffTexts } from './diff/match-items';
import type { Competency, Item, Level } from './entities';
import type { Framework } from './framework';

/** An expectation a level holds, wherever it is written. */
export interface ExpectedItem {
  readonly expectation: Item;
  /** The level whose file states it: the level itself, or a lower one on a cumulative track. */
  readonly statedAt: Level;
  /** The competency it is written under, at `statedAt`. */
  readonly competency: Competency;
  /** The lower-level expectations this one restates in a grown form, nearest level first. */
  readonly grownFrom: readonly Item[];
}

const own = (level: Level): ExpectedItem[] =>
  level.competencies.flatMap((competency) =>
    competency.expectations.map((expectation) => ({
      expectation,
      statedAt: level,
      competency,
      grownFrom: [],
    })),
  );

/**
 * What a level of a cumulative track expects, from what the level below it expects (`held`) and
 * what its own file writes, per competency: the diff's own pairing (diffTexts: identical first,
 * then rewordings, then counterparts, best first, terms weighted over the two lists), so the diff
 * and `expected` follow one rule. Each of the level's items is grown from the held item it pairs
 * with; a held item nothing pairs with stays expected, where diffTexts places a removed item (after
 * the item before it). Competencies follow the level's own order, then those only lower levels have.
 */
function nextLevel(held: readonly ExpectedItem[], level: Level): ExpectedItem[] {
  const bySlug = new Map<string, ExpectedItem[]>();
  for (const item of held) {
    const list = bySlug.get(item.competency.slug);
    if (list) list.push(item);
    else bySlug.set(item.competency.slug, [item]);
  }
  const written = new Map(level.competencies.map((c) => [c.slug, c]));
  const slugs = [...written.keys(), ...[...bySlug.keys()].filter((slug) => !written.has(slug))];
  return slugs.flatMap((slug) => {
    const before = bySlug.get(slug) ?? [];
    const competency = written.get(slug);
    if (!competency) return before;
    const heldTexts = before.map((b) => b.expectation.text);
    const ownTexts = competency.expectations.map((e) => e.text);
    const weights = TermWeights.over([...heldTexts, ...ownTexts]);
    return diffTexts(heldTexts, ownTexts, { weights }).map((change): ExpectedItem => {
      const from = change.fromPosition === null ? null : before[change.fromPosition - 1]!;
      if (change.toPosition === null) return from!;
      return {
        expectation: competency.expectations[change.toPosition - 1]!,
        statedAt: level,
        competency,
        grownFrom: from ? [from.expectation, ...from.grownFrom] : [],
      };
    });
  });
}

const memo = new WeakMap<Framework, Map<string, readonly ExpectedItem[]>>();

/**
 * Every expectation `level` holds (Level.expected): its own and, on a cumulative track, those of
 * lower levels that no level up to this one has grown into a new form. Computed once per track of
 * a Framework, which is a caller's view, so a draft level is never among the levels it builds on
 * for a caller who cannot see drafts.
 */
export function expectedAt(framework: Framework, level: Level): readonly ExpectedItem[] {
  let byLevel = memo.get(framework);
  if (!byLevel) memo.set(framework, (byLevel = new Map()));
  const known = byLevel.get(level.id);
  if (known) return known;
  const track = framework.track(level.trackId);
  if (track?.progression !== 'cumulative') {
    const items = own(level);
    byLevel.set(level.id, items);
    return items;
  }
  let held: ExpectedItem[] = [];
  for (const each of track.levels) byLevel.set(each.id, (held = nextLevel(held, each)));
  return byLevel.get(level.id) ?? own(level);
}
