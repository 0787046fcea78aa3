/**
 * A level diff drawn as HTML: its counts, attribute changes and competencies with their items,
 * shared by the compare page (diff.view.ts) and the What changed page (changes.view.ts).
 */
import { countOf, emoji, statusBadge } from './components.js';
import { wordDiff } from './diff-segments.js';
import { decoration, domId, h, srOnly, type Child } from './dom.js';
import { fold } from './fold.js';
import type { ChangeStatus, CompetencyDiff, LevelDiff, Summary, TextChange } from './queries.js';
import { competencyAnchor } from './routes.js';

const COUNTS: readonly { key: keyof Summary; status: ChangeStatus; word: string }[] = [
  { key: 'added', status: 'ADDED', word: 'added' },
  { key: 'removed', status: 'REMOVED', word: 'removed' },
  { key: 'changed', status: 'CHANGED', word: 'changed' },
  { key: 'unchanged', status: 'UNCHANGED', word: 'unchanged' },
];

const SYMBOL: Record<ChangeStatus, string> = { ADDED: '+', REMOVED: '−', CHANGED: '~', UNCHANGED: '=' };

/** Counts with their symbol and word; data-count carries the number for tests and scripts. */
export function counts(summary: Summary, label: string, extra: string): HTMLUListElement {
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

export function attributeChanges(diff: LevelDiff, where: Placement = ALONE): HTMLElement | null {
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

export function competencyDiff(competency: CompetencyDiff, where: Placement = ALONE): HTMLElement {
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
): Child {
  if (changes.length === 0) return null;
  const visible = changes.filter((c) => c.status !== 'UNCHANGED');
  const unchanged = changes.filter((c) => c.status === 'UNCHANGED');
  const what = countOf(unchanged.length, `unchanged ${noun}`);
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
