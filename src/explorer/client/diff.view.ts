import {
  alertBox,
  controls,
  countOf,
  emoji,
  errorAlert,
  levelLabel,
  levelSelect,
  pageTitle,
  statusBadge,
} from './components.js';
import { wordDiff } from './diff-segments.js';
import { decoration, domId, h, srOnly, type Child } from './dom.js';
import { fold } from './fold.js';
import { ApiError, request } from './graphql.client.js';
import {
  DIFF,
  type ChangeStatus,
  type CompetencyDiff,
  type DiffResult,
  type LevelDiff,
  type Summary,
  type TextChange,
  type TrackSummary,
} from './queries.js';
import { competencyAnchor, diffHref, levelHref } from './routes.js';
import type { Rendered, ViewContext } from './view.js';

/** /diff?from=…&to=…: what changes between two levels, on one track or across tracks. */
export async function diffView(params: URLSearchParams, ctx: ViewContext): Promise<Rendered> {
  const tracks = await ctx.tracks();
  const from = params.get('from');
  const to = params.get('to');
  const written = params.get('basis') === 'written';
  const defaults = defaultPair(tracks, from);
  const form = compareForm(tracks, from ?? defaults.from, to ?? defaults.to);
  if (!from || !to) {
    const title = pageTitle('Compare two levels');
    const hint = h(
      'p',
      { class: 'muted' },
      'Choose two levels, on the same track or on different ones, and compare them: what is added, removed and reworded, word by word.',
    );
    return { title: 'Compare levels', nodes: [form, title, hint], focus: title };
  }
  try {
    const { diffLevels } = await request<DiffResult>(DIFF, {
      from,
      to,
      basis: written ? 'WRITTEN' : 'EXPECTED',
    });
    const title = pageTitle(
      h(
        'a',
        { href: levelHref(diffLevels.from.id) },
        levelLabel(diffLevels.from),
        versionOf(diffLevels.from.id),
      ),
      ' ',
      decoration('→'),
      srOnly('compared with'),
      ' ',
      h('a', { href: levelHref(diffLevels.to.id) }, levelLabel(diffLevels.to), versionOf(diffLevels.to.id)),
    );
    title.classList.add('diff-title');
    return {
      title: `${diffTitle(diffLevels)} · Compare`,
      nodes: [form, diffEyebrow(diffLevels), title, ...diffPage(diffLevels, written)],
      focus: title,
    };
  } catch (error) {
    const title = pageTitle('Compare two levels');
    return {
      title: 'Compare levels',
      nodes: [form, title, unknownLevelAlert(error, from, to)],
      focus: title,
    };
  }
}

/**
 * The document title names the track as well as the codes: "Site Reliability Engineer L2 → L3", and
 * across tracks "Software Engineer L3 → Site Reliability Engineer L3", never a bare "L3 → L3".
 */
export function diffTitle(diff: LevelDiff): string {
  const { from, to } = diff;
  const [a, b] = [from.code + refSuffix(from.id), to.code + refSuffix(to.id)];
  return from.track.id === to.track.id
    ? `${to.track.name} ${a} → ${b}`
    : `${from.track.name} ${a} → ${to.track.name} ${b}`;
}

/** The version an id names after its level code ('track/L3@v1' → 'v1'); null for the content served now. */
export function refOf(id: string): string | null {
  const level = id.split('/')[1] ?? '';
  const at = level.indexOf('@');
  return at === -1 ? null : level.slice(at + 1);
}

const refSuffix = (id: string): string => {
  const ref = refOf(id);
  return ref === null ? '' : `@${ref}`;
};

/** "(at v1)" after a level read from an earlier version, so "L3 → L3" across versions reads right. */
function versionOf(id: string): Child {
  const ref = refOf(id);
  return ref === null ? null : h('span', { class: 'version-ref' }, ` (at ${ref})`);
}

/** With nothing chosen, offer the first two levels; with only 'from', the level after it. */
function defaultPair(
  tracks: readonly TrackSummary[],
  from: string | null,
): { from: string | null; to: string | null } {
  const levels = tracks.flatMap((t) => t.levels);
  const fromIndex = levels.findIndex((l) => l.id === from);
  return {
    from: levels[0]?.id ?? null,
    to: (fromIndex >= 0 ? levels[fromIndex + 1]?.id : levels[1]?.id) ?? null,
  };
}

function compareForm(
  tracks: readonly TrackSummary[],
  from: string | null,
  to: string | null,
): HTMLFormElement {
  const swap = h(
    'button',
    { type: 'button', class: 'secondary', title: 'Swap the two levels and compare them' },
    decoration('⇄ '),
    'Swap',
  );
  const form = controls(
    '/diff',
    'Choose two levels to compare',
    levelSelect({ id: 'diff-from', name: 'from', label: 'From' }, tracks, from, [from, to]),
    swap,
    levelSelect({ id: 'diff-to', name: 'to', label: 'To' }, tracks, to, [from, to]),
    h('button', { type: 'submit' }, 'Compare'),
  );
  // the same as "Reverse the comparison": swap the levels and compare them at once, rather than
  // leave the pickers disagreeing with the diff on screen until Compare is pressed
  swap.addEventListener('click', () => {
    const a = form.querySelector<HTMLSelectElement>('#diff-from');
    const b = form.querySelector<HTMLSelectElement>('#diff-to');
    if (!a || !b) return;
    [a.value, b.value] = [b.value, a.value];
    form.requestSubmit();
  });
  return form;
}

function unknownLevelAlert(error: unknown, from: string, to: string): HTMLElement {
  if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') return errorAlert(error);
  const argument = error.argument === 'to' ? 'to' : 'from';
  const wrong = argument === 'from' ? from : to;
  return alertBox(
    `There is no level with the id “${wrong}”.`,
    h(
      'p',
      null,
      `It was given as the “${argument}” level. Level ids are written `,
      h('code', null, 'track/code'),
      ', and a level as it was at an earlier version ',
      h('code', null, 'track/code@version'),
      '.',
    ),
    error.suggestions.map((s) => ({
      href: argument === 'from' ? diffHref(s, to) : diffHref(from, s),
      text: s,
    })),
  );
}

const COUNTS: readonly { key: keyof Summary; status: ChangeStatus; word: string }[] = [
  { key: 'added', status: 'ADDED', word: 'added' },
  { key: 'removed', status: 'REMOVED', word: 'removed' },
  { key: 'changed', status: 'CHANGED', word: 'changed' },
  { key: 'unchanged', status: 'UNCHANGED', word: 'unchanged' },
];

const SYMBOL: Record<ChangeStatus, string> = { ADDED: '+', REMOVED: '−', CHANGED: '~', UNCHANGED: '=' };

/** Counts with their symbol and word; data-count carries the number for tests and scripts. */
function counts(summary: Summary, label: string, extra: string): HTMLUListElement {
  return h(
    'ul',
    { class: `counts ${extra}`, 'aria-label': label },
    COUNTS.map(({ key, status, word }) =>
      h(
        'li',
        { class: `count count--${key}`, 'data-status': key, 'data-count': summary[key] },
        h('span', { class: 'count-symbol', 'aria-hidden': 'true' }, SYMBOL[status]),
        h('span', { class: 'count-value' }, String(summary[key])),
        ` ${word}`,
      ),
    ),
  );
}

function diffEyebrow(diff: LevelDiff): HTMLParagraphElement {
  const crossTrack = diff.from.track.id !== diff.to.track.id;
  return h(
    'p',
    { class: 'eyebrow' },
    crossTrack ? `${diff.from.track.name} → ${diff.to.track.name}` : diff.to.track.name,
    ' · ',
    h('a', { href: diffHref(diff.to.id, diff.from.id) }, 'Reverse the comparison'),
  );
}

/** On a cumulative track, the page says once how it compares, with the other comparison a link away. */
function basisNote(diff: LevelDiff, written: boolean): Child {
  const { from, to } = diff;
  if (from.track.progression !== 'CUMULATIVE' && to.track.progression !== 'CUMULATIVE') return null;
  const other = h(
    'a',
    { href: diffHref(from.id, to.id, !written), class: 'basis-toggle' },
    written ? 'Compare what each level expects' : 'Compare the files as written',
  );
  return h(
    'p',
    { class: 'basis-note legend muted', 'data-basis': written ? 'written' : 'expected' },
    written
      ? `As written: each file's items against the other's, for editors. The track is cumulative, so an item shown as removed may still be expected at ${to.code}. `
      : `${to.code} expects everything the levels below it do, and lists only what is new or has grown: an expectation it does not restate is still expected, one it restates in a grown form shows its word diff, and examples are each level's own evidence. `,
    other,
  );
}

function diffPage(diff: LevelDiff, written = false): Child[] {
  const reader = !written && diff.to.track.progression === 'CUMULATIVE';
  return [
    h(
      'section',
      { class: 'diff-summary', 'aria-labelledby': 'diff-summary-h' },
      h('h2', { id: 'diff-summary-h', class: 'vh' }, 'Summary'),
      counts(diff.summary, 'Changes across all competencies', 'counts--total'),
      basisNote(diff, written),
      h(
        'p',
        { class: 'legend muted' },
        'Counts cover expectations and examples. In changed items, ',
        h('ins', null, 'inserted words'),
        ' are underlined and ',
        h('del', null, 'deleted words'),
        ' struck through.',
      ),
    ),
    attributeChanges(diff),
    h(
      'nav',
      { class: 'toc', 'aria-label': 'Competencies' },
      h(
        'ul',
        null,
        diff.competencies.map((c) =>
          h(
            'li',
            null,
            h('a', { href: `#${competencyAnchor(c.slug)}` }, emoji(c.emoji), c.name),
            // most competencies change between levels: only the unusual ones are flagged here
            c.status === 'ADDED' || c.status === 'REMOVED' ? [' ', statusBadge(c.status)] : null,
          ),
        ),
      ),
    ),
    diff.competencies.map((c) => competencyDiff(c, ALONE, reader)),
  ];
}

/** Where a diff is drawn: alone on the compare page, or one of several on the changes page. */
interface Placement {
  /** Prefixes the ids, so several diffs on one page keep theirs apart. */
  readonly prefix: string;
  /** The heading level of a diff's sections: 2 alone, deeper under a level's heading. */
  readonly depth: number;
}

const ALONE: Placement = { prefix: '', depth: 2 };

const HEADINGS = ['h2', 'h3', 'h4', 'h5'] as const;
const heading = (depth: number) => HEADINGS[Math.min(Math.max(depth, 2), 5) - 2]!;
const placed = (where: Placement, id: string) => (where.prefix ? domId(where.prefix, id) : id);

/**
 * One level's diff among others (the changes page): its counts, attribute changes and the
 * competencies that changed, drawn as the compare page draws them.
 */
export function levelDiffDetails(diff: LevelDiff, prefix: string, depth: number): Child[] {
  const where: Placement = { prefix, depth };
  return [
    counts(diff.summary, 'Changes across all competencies', 'counts--total'),
    attributeChanges(diff, where),
    diff.competencies.filter((c) => c.status !== 'UNCHANGED').map((c) => competencyDiff(c, where)),
  ];
}

function attributeChanges(diff: LevelDiff, where: Placement = ALONE): HTMLElement | null {
  if (diff.attributes.length === 0) return null;
  const id = placed(where, 'diff-attributes-h');
  return h(
    'section',
    { class: 'diff-attributes', 'aria-labelledby': id },
    h(heading(where.depth), { id }, 'Attributes'),
    h(
      'dl',
      { class: 'attribute-changes' },
      diff.attributes.map((a) =>
        h(
          'div',
          { class: `attribute-change attribute-change--${a.status.toLowerCase()}` },
          h('dt', null, a.label, ' ', statusBadge(a.status)),
          h(
            'dd',
            null,
            a.status === 'UNCHANGED'
              ? a.to
              : [
                  a.from !== null ? h('del', null, srOnly('was: '), a.from) : null,
                  a.from !== null && a.to !== null ? h('span', { class: 'arrow' }, decoration(' → ')) : null,
                  a.to !== null ? h('ins', null, srOnly('now: '), a.to) : null,
                ],
          ),
        ),
      ),
    ),
  );
}

const COMPETENCY_WORD: Record<ChangeStatus, string> = {
  ADDED: 'New competency',
  REMOVED: 'Competency dropped',
  CHANGED: 'Changed',
  UNCHANGED: 'No changes',
};

function competencyDiff(competency: CompetencyDiff, where: Placement = ALONE, reader = false): HTMLElement {
  const id = placed(where, competencyAnchor(competency.slug));
  return h(
    'section',
    {
      class: `competency competency-diff competency-diff--${competency.status.toLowerCase()}`,
      id,
      'aria-labelledby': `${id}-h`,
      'data-slug': competency.slug,
      // focusable, so a jump link to it moves keyboard focus there and Tab goes on from it
      tabindex: '-1',
    },
    h(
      heading(where.depth),
      { id: `${id}-h` },
      emoji(competency.emoji),
      competency.name,
      ' ',
      statusBadge(competency.status, COMPETENCY_WORD[competency.status]),
    ),
    counts(competency.summary, `Changes in ${competency.name}`, 'counts--competency'),
    changeList(
      competency,
      'expectation',
      domId(id, 'expectations'),
      competency.expectations,
      where.depth + 1,
      reader ? 'still expected' : 'unchanged',
    ),
    changeList(competency, 'example', domId(id, 'examples'), competency.examples, where.depth + 1),
  );
}

/**
 * One kind of item, in the 'to' level's order: changes in full, and the unchanged ones folded behind
 * a toggle that says how many, since they are what a reader already knows.
 */
function changeList(
  competency: CompetencyDiff,
  noun: 'expectation' | 'example',
  id: string,
  changes: readonly TextChange[],
  depth: number,
  kept: 'unchanged' | 'still expected' = 'unchanged',
): Child {
  if (changes.length === 0) return null;
  const visible = changes.filter((c) => c.status !== 'UNCHANGED');
  const unchanged = changes.filter((c) => c.status === 'UNCHANGED');
  const what =
    kept === 'unchanged'
      ? countOf(unchanged.length, `unchanged ${noun}`)
      : `${unchanged.length} still expected`;
  return [
    h(heading(depth), { id }, noun === 'expectation' ? 'Expectations' : 'Examples'),
    visible.length > 0 ? h('ol', { class: 'changes', 'aria-labelledby': id }, visible.map(changeItem)) : null,
    unchanged.length > 0
      ? fold(
          { show: `Show ${what}`, hide: `Hide ${what}`, context: `in ${competency.name}` },
          h(
            'ul',
            { class: 'changes' },
            unchanged.map((c) => h('li', { class: 'change change--unchanged' }, c.to ?? '')),
          ),
          'fold--unchanged',
        )
      : null,
  ];
}

function changeItem(change: TextChange): HTMLLIElement {
  const status = change.status.toLowerCase();
  return h(
    'li',
    { class: `change change--${status}` },
    statusBadge(change.status),
    ' ',
    h(
      'span',
      { class: 'change-text' },
      change.status === 'CHANGED' ? wordDiff(change) : (change.to ?? change.from ?? ''),
    ),
  );
}
