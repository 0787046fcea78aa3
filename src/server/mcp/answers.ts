/**
 * What the MCP tools answer, as plain data an assistant reads: built on the domain calls the GraphQL
 * resolvers make, shaped for a reader rather than for a schema (names, not ids alone; the reader's
 * diff as new, grown and still-expected items).
 */
import type { FrameworkChanges } from '../../domain/changes';
import { byCompetency, type StepChecklist } from '../../domain/checklist';
import type { LevelDiff, TextChange } from '../../domain/diff/types';
import type { Level, Track } from '../../domain/entities';
import type { ExpectedItem } from '../../domain/expected';
import type { SearchHit } from '../../domain/search';

export function trackAnswer(track: Track, levels: readonly Level[]) {
  return {
    id: track.id,
    name: track.name,
    description: track.description,
    progression: track.progression,
    levels: levels.map((l) => ({ id: l.id, code: l.code, title: l.title, status: l.status })),
  };
}

export function levelAnswer(level: Level, expected: readonly ExpectedItem[]) {
  return {
    id: level.id,
    code: level.code,
    title: level.title,
    summary: level.summary,
    status: level.status,
    attributes: Object.fromEntries(level.attributes.map((a) => [a.label, a.value])),
    // everything the level expects, its own items and those still expected from below
    expected: expected.map((e) => ({
      competency: e.competency.name,
      expectation: e.expectation.text,
      statedAt: e.statedAt.code,
      ...(e.grownFrom.length > 0 ? { grownFrom: e.grownFrom.map((g) => g.text) } : {}),
    })),
    examples: level.competencies
      .filter((c) => c.examples.length > 0)
      .map((c) => ({ competency: c.name, examples: c.examples.map((e) => e.text) })),
  };
}

const expectations = (changes: readonly TextChange[], status: TextChange['status']) =>
  changes.filter((c) => c.status === status);

/** The reader's diff: per competency what is new, what has grown (from → to) and how much is still expected. */
export function diffAnswer(diff: LevelDiff) {
  return {
    from: { id: diff.from.id, title: diff.from.title },
    to: { id: diff.to.id, title: diff.to.title },
    summary: diff.summary,
    attributes: diff.attributes
      .filter((a) => a.status !== 'unchanged')
      .map((a) => ({ attribute: a.label, from: a.from, to: a.to })),
    competencies: diff.competencies
      .filter((c) => c.status !== 'unchanged' || c.summary.unchanged > 0)
      .map((c) => ({
        competency: c.name,
        new: expectations(c.expectations, 'added').map((e) => e.to),
        grown: expectations(c.expectations, 'changed').map((e) => ({ from: e.from, to: e.to })),
        stillExpected: expectations(c.expectations, 'unchanged').length,
        noLongerExpected: expectations(c.expectations, 'removed').map((e) => e.from),
        examplesAtTo: c.examples.filter((e) => e.to !== null).map((e) => e.to),
      })),
  };
}

/** The step checklist: per competency what is new and what has grown, to gather evidence for. */
export function checklistAnswer(checklist: StepChecklist) {
  return {
    from: { id: checklist.from.id, title: checklist.from.title },
    to: { id: checklist.to.id, title: checklist.to.title },
    competencies: byCompetency(checklist.items).map(({ competency, items }) => ({
      competency: competency.name,
      new: items.filter((i) => i.grownFrom === null).map((i) => i.expectation.text),
      grown: items.flatMap((i) =>
        i.grownFrom === null ? [] : [{ from: i.grownFrom, to: i.expectation.text }],
      ),
    })),
  };
}

export function searchAnswer(hits: readonly SearchHit[]) {
  return hits.map((h) => ({ kind: h.kind, text: h.text, level: h.levelId, id: h.id }));
}

export function changesAnswer(since: string, until: string, changes: FrameworkChanges) {
  const plain = (l: Level) => ({ level: `${l.trackId}/${l.code}`, title: l.title });
  return {
    since,
    until,
    addedLevels: changes.addedLevels.map(plain),
    removedLevels: changes.removedLevels.map(plain),
    changedLevels: changes.changedLevels.map((d) => ({ ...plain(d.to), summary: d.summary })),
  };
}
