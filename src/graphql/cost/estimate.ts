import {
  getArgumentValues,
  getDirectiveValues,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import type { Framework } from '../../domain/framework';
import { splitVersionedId } from '../../domain/versions';
import { MAX_SEARCH_LIMIT, MAX_VERSION_LOADS, MAX_VERSIONS_LIMIT } from '../limits';
import { introspectionSizes } from './edges';
import { planOf, type FieldStep, type OperationEstimate, type Steps } from './plan';
import { scopesOf, type ContentScopes, type Scope } from './scopes';
import type { ListSize, Sizes } from './sizes';
import {
  CHANGES_LOADS,
  LAST_CHANGE_FIELD,
  tooManyVersionLoads,
  VERSIONED_BELOW,
  VERSION_LOADS,
} from './version-loads';

/** The objects at one place of an answer: at most `n`, all from `scope`, and whether any can repeat. */
interface Place {
  readonly n: number;
  /** No object appears twice here, so owned lists below are bounded by the scope's totals. */
  readonly distinct: boolean;
  readonly scope: Scope;
  /** The objects come from versions read from git, not from the content being served. */
  readonly versioned?: boolean;
}

/** What a field answers at one place: its own values (list elements, or one per parent) and the objects below. */
interface Reach {
  readonly values: number;
  readonly below: Place;
  /** Work beyond the answer (a search), in fields. */
  readonly work?: number;
  /** Versions read from git (see version-loads.ts). */
  readonly loads?: number;
}

type Args = Record<string, unknown>;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * What one full-text search costs beyond its answer, in fields: matching the words, expanding
 * prefixes and typos, scoring. Measured with `npm run bench:worst`: a bounded search takes
 * about as long as answering a thousand fields, so thirty aliased searches are refused like any
 * other query that reads the content many times over.
 */
export const SEARCH_WORK = 1_000;

/**
 * A root field's scope (from the entity its arguments name), the list it returns, a cap on that
 * list, and the work it does beyond its answer.
 */
type Root = (
  args: Args,
  scopes: ContentScopes,
) => { scope: Scope; list?: string; most?: number; work?: number; loads?: number };

/**
 * A lookup by id: below it, that entity's sizes, or nothing when no entity has the id. An id of
 * another version (`track/L3@v1`, `depth` parts without the ref) is sized as the same entity here,
 * or as anything in the content when it has no such entity now.
 */
const byId =
  (find: (scopes: ContentScopes, id: string) => Scope, depth: number): Root =>
  (a, s) => {
    const id = text(a.id);
    if (id === undefined) return { scope: s.all };
    const split = splitVersionedId(id, depth);
    const scope = find(s, split.id);
    const loads = split.ref === null ? 0 : 1;
    return { scope: scope === s.none && split.ref !== null ? s.all : scope, loads };
  };

/** Where an argument's value is unknown (it never is once variables are coerced), the whole content. */
const ROOTS: Readonly<Record<string, Root>> = {
  tracks: (_, s) => ({ scope: s.all, list: 'Query.tracks' }),
  __schema: (_, s) => ({ scope: s.all }),
  __type: (_, s) => ({ scope: s.all }),
  framework: (_, s) => ({ scope: s.all }),
  track: byId((s, id) => s.track(id), 1),
  level: byId((s, id) => s.level(id), 2),
  competency: byId((s, id) => s.competency(id), 3),
  expectation: byId((s, id) => s.item(id), 4),
  example: byId((s, id) => s.item(id), 4),
  levels: (a, s) => ({
    scope: s.trackFilter(text((a.filter as Args | null | undefined)?.track)),
    list: 'Query.levels',
  }),
  attributeDefinitions: (a, s) => ({
    scope: s.trackFilter(text(a.track)),
    list: 'Query.attributeDefinitions',
  }),
  // A limit over its maximum counts as the maximum: the argument's own rule then refuses it with
  // BAD_USER_INPUT naming `limit` when the field runs, instead of this estimate refusing the query.
  search: (a, s) => ({
    scope: s.trackFilter(text(a.track)),
    list: 'Query.search',
    most: Math.min(typeof a.limit === 'number' ? a.limit : MAX_SEARCH_LIMIT, MAX_SEARCH_LIMIT),
    work: SEARCH_WORK,
  }),
  diffLevels: (a, s) => {
    const from = text(a.from);
    const to = text(a.to);
    if (from === undefined || to === undefined) return { scope: s.all };
    // a level of another version is sized as the same level here, or as the largest diff there is
    const [f, t] = [splitVersionedId(from, 2), splitVersionedId(to, 2)];
    const scope = s.diff(f.id, t.id);
    const loads = (f.ref === null ? 0 : 1) + (t.ref === null ? 0 : 1);
    return { scope: scope === s.none && (f.ref !== null || t.ref !== null) ? s.anyDiff() : scope, loads };
  },
  // each version's framework is as large as this one (FrameworkVersion.framework repeats it)
  versions: (a, s) => ({
    scope: s.all,
    list: 'Query.versions',
    most: Math.min(typeof a.limit === 'number' ? a.limit : MAX_VERSIONS_LIMIT, MAX_VERSIONS_LIMIT),
  }),
  version: (_, s) => ({ scope: s.all }),
  changes: (_, s) => ({ scope: s.changes(), loads: CHANGES_LOADS }),
};

/** One estimate: the plan walked once, with the content's sizes and the request's variables. */
class Walk {
  private readonly memo = new Map<Steps, Map<string, { cost: number; loads: number }>>();
  private fallback: number | undefined;
  /** Versions the answer could read from git, in all and by the field that reads them. */
  loads = 0;
  readonly loadsByField = new Map<string, number>();
  private servedWalk = false;
  private servedWalkCounted = false;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly variables: Record<string, unknown>,
    private readonly scopes: ContentScopes,
  ) {}

  steps(steps: Steps, place: Place): number {
    if (place.n === 0) return 0;
    let cost = 0;
    for (const step of steps.steps) {
      if (step.node.directives?.length && !this.included(step.node)) continue;
      if (step.kind === 'field') cost += this.field(step, place);
      else if (!step.shared) cost += this.steps(step.body, place);
      else cost += this.shared(step.body, place);
    }
    return cost;
  }

  /**
   * A named fragment can be spread at many places, and at each of them again: its cost is memoised
   * per place so that the walk stays linear. Where objects can repeat, every size below multiplies,
   * so the cost is n times the cost of one object, and one entry per scope serves every n.
   */
  private shared(body: Steps, place: Place): number {
    let byPlace = this.memo.get(body);
    if (!byPlace) this.memo.set(body, (byPlace = new Map()));
    const key = `${place.versioned ? 'v' : ''}${place.distinct ? `${place.n}:` : '*'}${place.scope.key}`;
    const times = place.distinct ? 1 : place.n;
    let known = byPlace.get(key);
    if (known === undefined) {
      const before = this.loads;
      const cost = this.steps(body, place.distinct ? place : { ...place, n: 1 });
      known = { cost, loads: this.loads - before };
      byPlace.set(key, known);
      this.loads += known.loads * (times - 1);
    } else this.loads += known.loads * times;
    return known.cost * times;
  }

  private field(step: FieldStep, place: Place): number {
    if (!step.def) return place.n; // __typename: one value per object
    const reach = step.root ? this.root(step.def, step) : this.reach(step, place);
    const loads = step.root ? (reach.loads ?? 0) : this.loadsOf(step.key, place);
    this.countLoads(step.key, loads);
    const { values, work = 0 } = reach;
    if (!step.below) return work + values;
    const versioned = place.versioned === true || loads > 0 || VERSIONED_BELOW.has(step.key);
    return work + values + this.steps(step.below, { ...reach.below, versioned });
  }

  /**
   * The versions a field reads for the objects at a place. `lastChange` walks the history from the
   * version its level came from, once per start however many levels and aliases ask (last-change.ts
   * memoises it): for the content being served that is one walk per request.
   */
  private loadsOf(key: string, place: Place): number {
    const each = VERSION_LOADS[key] ?? 0;
    if (key === LAST_CHANGE_FIELD && !place.versioned) {
      this.servedWalk = true;
      return 0;
    }
    return place.n * each;
  }

  private countLoads(field: string, loads: number): void {
    if (loads === 0) return;
    this.loads += loads;
    this.loadsByField.set(field, (this.loadsByField.get(field) ?? 0) + loads);
  }

  /** Every version the answer could read, the walk from the served content's levels included. */
  totalLoads(): number {
    if (this.servedWalk && !this.servedWalkCounted) {
      this.servedWalkCounted = true;
      this.countLoads(LAST_CHANGE_FIELD, VERSION_LOADS[LAST_CHANGE_FIELD]!);
    }
    return this.loads;
  }

  /** The field that reads the most versions, to name in a refusal. */
  heaviestLoader(): string {
    let heaviest = '';
    let most = 0;
    for (const [field, loads] of this.loadsByField) if (loads > most) [heaviest, most] = [field, loads];
    return heaviest;
  }

  private root(def: GraphQLField<unknown, unknown>, step: FieldStep): Reach {
    const rule = ROOTS[def.name];
    if (!rule) return this.unknown(step.list, { n: 1, distinct: true, scope: this.scopes.all });
    const {
      scope,
      list,
      most = Infinity,
      work = 0,
      loads = 0,
    } = rule(this.args(def, step.node), this.scopes);
    const found = scope === this.scopes.none ? 0 : 1;
    if (!list) return { values: 1, below: { n: found, distinct: true, scope }, work, loads };
    const values = found * Math.min(this.size(scope.sizes, list).total, most);
    return { values, below: { n: values, distinct: true, scope }, work, loads };
  }

  private reach(step: FieldStep, place: Place): Reach {
    const { edge, key } = step;
    if (!edge) return this.unknown(step.list, place);
    const sizes = step.introspection ? introspectionSizes(this.schema) : place.scope.sizes;
    if (edge.kind === 'up') {
      // a list of references (a type's interfaces) repeats: as long as the longest, for every parent
      const values = step.list ? place.n * this.size(sizes, key).max : place.n;
      return { values, below: { n: values, distinct: false, scope: place.scope.up(edge.to) } };
    }
    const scope = place.scope.own(key);
    if (!step.list) return { values: place.n, below: { n: place.n, distinct: place.distinct, scope } };
    const size = this.size(sizes, key);
    const values = place.distinct ? Math.min(place.n * size.max, size.total) : place.n * size.max;
    const n =
      edge.population && place.distinct ? Math.min(values, this.size(sizes, edge.population).total) : values;
    return { values, below: { n, distinct: place.distinct, scope } };
  }

  /** A field this estimator does not know (added to the schema later): as long as any list, repeating. */
  private unknown(list: boolean, place: Place): Reach {
    const values = list ? place.n * this.largest() : place.n;
    return { values, below: { n: values, distinct: false, scope: this.scopes.all } };
  }

  /** A list's size in these sizes, else anywhere in the content, else as long as the longest list. */
  private size(sizes: Sizes, key: string): ListSize {
    const size = sizes.get(key) ?? this.scopes.all.sizes.get(key);
    if (size) return size;
    const largest = this.largest();
    return { total: largest, max: largest };
  }

  /** The longest list anywhere: the bound for a list nothing else bounds. */
  private largest(): number {
    this.fallback ??= Math.max(1, ...[...this.scopes.all.sizes.values()].map((s) => s.total));
    return this.fallback;
  }

  private args(def: GraphQLField<unknown, unknown>, node: FieldNode): Args {
    if (def.args.length === 0) return {};
    try {
      return getArgumentValues(def, node, this.variables);
    } catch {
      return {}; // refused when the field runs; sized here as if unknown
    }
  }

  private included(node: SelectionNode): boolean {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if !== false;
    } catch {
      return true;
    }
  }
}

const NOTHING: OperationEstimate = { cost: 0, versionLoads: 0, heaviestLoader: '' };

/**
 * How many fields the answer to an operation could have, for this content and these variables.
 * Owned lists from a duplicate-free set are bounded by what the scope holds; an argument that names an
 * entity sizes what is below it from that entity; back-references make repeats possible, and below
 * them sizes multiply. Returns 0 when there is nothing to run (no such query, or variables that do
 * not fit their types): Apollo refuses those itself, with its own codes.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  framework: Framework,
): number {
  return estimateOperation(schema, document, operationName, variables, framework).cost;
}

/**
 * {@link estimateCost}, and in the same walk how many versions the operation could read from git
 * (version-loads.ts): each is a whole framework loaded, so few of them weigh more than many fields.
 */
export function estimateOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  framework: Framework,
): OperationEstimate {
  const plan = planOf(schema, document, operationName);
  if (!plan) return NOTHING;
  let estimate = plan.costs?.get(framework);
  if (estimate !== undefined) return estimate;
  const definitions = plan.operation.variableDefinitions ?? [];
  let coerced: Record<string, unknown> = {};
  if (definitions.length > 0) {
    const result = getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 1 });
    if (result.errors) return NOTHING;
    coerced = result.coerced;
  }
  const scopes = scopesOf(framework);
  const walk = new Walk(schema, coerced, scopes);
  const cost = walk.steps(plan.steps, { n: 1, distinct: true, scope: scopes.all });
  estimate = { cost, versionLoads: walk.totalLoads(), heaviestLoader: walk.heaviestLoader() };
  plan.costs?.set(framework, estimate);
  return estimate;
}

/** Refuses, with QUERY_TOO_COMPLEX naming the field, an estimate over MAX_VERSION_LOADS versions read. */
export function assertVersionLoads(estimate: OperationEstimate): void {
  if (estimate.versionLoads > MAX_VERSION_LOADS)
    throw tooManyVersionLoads(estimate.versionLoads, estimate.heaviestLoader);
}
