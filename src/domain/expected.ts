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

/**
 * Which of the expectations held so far an item of the next level grows from: the diff's own
 * pairing (diffTexts: identical first, then rewordings, then counterparts, best first), with terms
 * weighted over the two lists, so the diff, `expected` and the progression checks follow one rule.
 * Each held item pairs with at most one new item; `null` where the new item is new.
 */
export function growthOf(held: readonly string[], written: readonly string[]): (number | null)[] {
  const weights = TermWeights.over([...held, ...written]);
  const from = new Array<number | null>(written.length).fill(null);
  for (const change of diffTexts(held, written, { weights }))
    if (change.toPosition !== null && change.fromPosition !== null)
      from[change.toPosition - 1] = change.fromPosition - 1;
  return from;
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
 * what its own file writes: each of its items, grown from the held item it pairs with (growthOf),
 * and every held item that none of them grows from, where it stood. Competencies follow the
 * level's own order, then those only lower levels have.
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
    const texts = (items: readonly Item[]) => items.map((i) => i.text);
    const growth = growthOf(texts(before.map((b) => b.expectation)), texts(competency.expectations));
    const grown = new Set(growth.filter((i): i is number => i !== null));
    const items: ExpectedItem[] = competency.expectations.map((expectation, j) => {
      const from = growth[j] === null ? null : before[growth[j]!]!;
      return {
        expectation,
        statedAt: level,
        competency,
        grownFrom: from ? [from.expectation, ...from.grownFrom] : [],
      };
    });
    // a held item still expected goes after the level's own item that grew from the one before it
    const out: ExpectedItem[] = [];
    const after = new Map<number, ExpectedItem[]>();
    let anchor = -1;
    before.forEach((item, i) => {
      if (grown.has(i)) anchor = growth.indexOf(i);
      else after.set(anchor, [...(after.get(anchor) ?? []), item]);
    });
    out.push(...(after.get(-1) ?? []));
    items.forEach((item, j) => out.push(item, ...(after.get(j) ?? [])));
    return out;
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
