import { LRUCache } from 'lru-cache';
import type { Framework } from '../../domain/framework';
import {
  measureCompetency,
  measureDiff,
  measureLevel,
  measureTracks,
  type ListSize,
  type Sizes,
} from './sizes';

/** Where a back-reference leads: the enclosing track, level or competency, one side of a diff, or nowhere new. */
export type UpTarget = 'track' | 'level' | 'competency' | 'from' | 'to' | 'same';

/**
 * The part of the content that the objects at one place of an answer come from, with the list sizes
 * inside it. A query that names an entity (a level by id, a diff of two levels) is sized from that
 * entity instead of from the largest one anywhere.
 */
export interface Scope {
  /** Tells scopes apart in memo keys. */
  readonly key: string;
  readonly sizes: Sizes;
  /** The scope holding what a back-reference reaches from objects of this scope. */
  up(to: UpTarget): Scope;
  /** The scope of what an owned field leads to: this one, unless the field narrows it. */
  own(field: string): Scope;
}

const EMPTY: Sizes = new Map();

class EntityScope implements Scope {
  constructor(
    readonly key: string,
    readonly sizes: Sizes,
    private readonly parents: Partial<Record<UpTarget, () => Scope>> = {},
  ) {}

  up(to: UpTarget): Scope {
    return this.parents[to]?.() ?? this;
  }

  own(): Scope {
    return this;
  }
}

/** Every scope of one Framework, made on first use and kept as long as the Framework. */
export class ContentScopes {
  readonly all: Scope;
  /** Below a lookup that finds nothing: the answer is null, so every list in it is empty. */
  readonly none: Scope = new EntityScope('none', EMPTY);
  private readonly made = new Map<object, Scope>();
  // Pairs of levels grow with the square of the content; keep the recent ones.
  private readonly diffs = new LRUCache<string, Scope>({ max: 1_000 });

  constructor(private readonly framework: Framework) {
    this.all = new EntityScope('all', measureTracks(framework.tracks));
  }

  /** The scope of one track; `undefined` (no argument) means every track, an unknown id none. */
  track(id: string | null | undefined): Scope {
    if (id == null) return this.all;
    const track = this.framework.track(id);
    if (!track) return this.none;
    return this.memo(track, () => new EntityScope(`t:${track.id}`, measureTracks([track])));
  }

  /**
   * The scope of a filter on a track (levels, search, attribute definitions): that track when the id
   * is exactly one, and every track otherwise, since a filter may match ids more loosely than a lookup.
   */
  trackFilter(id: string | null | undefined): Scope {
    const scope = this.track(id);
    return scope === this.none ? this.all : scope;
  }

  level(id: string): Scope {
    const level = this.framework.level(id);
    if (!level) return this.none;
    return this.memo(
      level,
      () => new EntityScope(`l:${level.id}`, measureLevel(level), { track: () => this.track(level.trackId) }),
    );
  }

  competency(id: string): Scope {
    const competency = this.framework.competency(id);
    if (!competency) return this.none;
    return this.memo(
      competency,
      () =>
        new EntityScope(`c:${competency.id}`, measureCompetency(competency), {
          track: () => this.track(competency.trackId),
          level: () => this.level(competency.levelId),
        }),
    );
  }

  /** The scope of an expectation or example: its competency. */
  item(id: string): Scope {
    const item = this.framework.item(id);
    return item ? this.competency(item.competencyId) : this.none;
  }

  /** The diff of two levels; none when either is unknown, since the diff then answers an error. */
  diff(fromId: string, toId: string): Scope {
    const from = this.framework.level(fromId);
    const to = this.framework.level(toId);
    if (!from || !to) return this.none;
    const key = `d:${from.id}\n${to.id}`;
    let scope = this.diffs.get(key);
    if (!scope) {
      const { diff, lists } = measureDiff(from, to);
      const up = { from: () => this.level(from.id), to: () => this.level(to.id) };
      const expectations = new EntityScope(`${key}\ne`, lists.expectations);
      const examples = new EntityScope(`${key}\nx`, lists.examples);
      scope = {
        key,
        sizes: diff,
        up: (target) => (target === 'from' || target === 'to' ? up[target]() : this.all),
        own: (field) =>
          field === 'CompetencyDiff.expectations'
            ? expectations
            : field === 'CompetencyDiff.examples'
              ? examples
              : scope!,
      };
      this.diffs.set(key, scope);
    }
    return scope;
  }

  /**
   * A diff of two levels read from versions other than this content (`track/L3@v1`): not loaded when
   * the estimate runs, so it is sized as twice the largest self-diff here, the bound of any diff of two
   * levels no larger than this content's largest (see SELF_DIFF in limit.ts).
   */
  anyDiff(): Scope {
    let scope = this.diffs.get('d:*');
    if (!scope) {
      let largest = this.framework.levels[0];
      const items = (l: NonNullable<typeof largest>) =>
        l.competencies.reduce((n, c) => n + c.expectations.length + c.examples.length, 0);
      for (const level of this.framework.levels) if (items(level) > items(largest!)) largest = level;
      if (!largest) return this.none;
      const { diff, lists } = measureDiff(largest, largest);
      const expectations = new EntityScope('d:*\ne', doubled(lists.expectations));
      const examples = new EntityScope('d:*\nx', doubled(lists.examples));
      const made: Scope = {
        key: 'd:*',
        sizes: doubled(diff),
        up: () => this.all,
        own: (field) =>
          field === 'CompetencyDiff.expectations'
            ? expectations
            : field === 'CompetencyDiff.examples'
              ? examples
              : made,
      };
      scope = made;
      this.diffs.set('d:*', scope);
    }
    return scope;
  }

  /**
   * Below `changes`: lists of levels as long as this content's, and each changed level's diff as
   * {@link anyDiff}. The versions compared are not loaded when the estimate runs; they are taken to be
   * of this content's size.
   */
  changes(): Scope {
    const levels = this.framework.levels.length;
    const size: ListSize = { total: levels, max: levels };
    const sizes = new Map(this.all.sizes);
    for (const key of ['addedLevels', 'removedLevels', 'changedLevels'])
      sizes.set(`FrameworkChanges.${key}`, size);
    const scope: Scope = {
      key: 'changes',
      sizes,
      up: () => this.all,
      own: (field) => (field === 'FrameworkChanges.changedLevels' ? this.anyDiff() : scope),
    };
    return scope;
  }

  /** Keyed by the entity itself, so a lookup builds no string. */
  private memo(entity: object, make: () => Scope): Scope {
    let scope = this.made.get(entity);
    if (!scope) {
      scope = make();
      this.made.set(entity, scope);
    }
    return scope;
  }
}

function doubled(sizes: Sizes): Sizes {
  return new Map([...sizes].map(([key, s]) => [key, { total: 2 * s.total, max: 2 * s.max }]));
}

const byFramework = new WeakMap<Framework, ContentScopes>();

/** The scopes of a Framework, shared by every request that answers from it. */
export function scopesOf(framework: Framework): ContentScopes {
  let scopes = byFramework.get(framework);
  if (!scopes) {
    scopes = new ContentScopes(framework);
    byFramework.set(framework, scopes);
  }
  return scopes;
}
