/**
 * The compare page as a promotion reader reads it, on a cumulative track: what is new at the higher
 * level, what has grown from the lower one (word diff), what is still expected (folded), and the
 * higher level's own examples. The editors' layout, per competency and status, is level-diff.ts.
 */
import { countOf, emoji } from './components.js';
import { wordDiff } from './diff-segments.js';
import { domId, h, type Child } from './dom.js';
import { fold } from './fold.js';
import { shortName } from './level-pair.js';
import type { ChangeStatus, CompetencyDiff, LevelDiff, TextChange } from './queries.js';

/** One of the page's sections: which expectations it holds and how it says so. */
interface Section {
  readonly id: string;
  readonly status: ChangeStatus;
  readonly heading: string;
  /** Said when the section is empty, so a reader knows nothing was left out. */
  readonly none: string;
}

/**
 * The sections, named for the step's direction: an item of a higher level restated from a lower one
 * has grown; compared downwards, across tracks or across versions it has only changed.
 */
function sections(diff: LevelDiff, upward: boolean): Section[] {
  const to = shortName(diff.to, diff.from);
  const from = shortName(diff.from, diff.to);
  return [
    { id: 'reader-new', status: 'ADDED', heading: `New at ${to}`, none: `Nothing is new at ${to}.` },
    {
      id: 'reader-grown',
      status: 'CHANGED',
      heading: `${upward ? 'Grown' : 'Changed'} from ${from}`,
      none: `No expectation of ${from} ${upward ? 'grows' : 'changes'} at ${to}.`,
    },
    {
      id: 'reader-still',
      status: 'UNCHANGED',
      heading: 'Still expected',
      none: `Nothing of ${from} is carried over to ${to} unchanged.`,
    },
    // only a comparison downwards or across tracks has these: what the 'from' level expects that the
    // 'to' level does not
    {
      id: 'reader-not',
      status: 'REMOVED',
      heading: `Not expected at ${to}`,
      none: '',
    },
  ];
}

const ofStatus = (c: CompetencyDiff, status: ChangeStatus): TextChange[] =>
  c.expectations.filter((e) => e.status === status);

const countIn = (diff: LevelDiff, status: ChangeStatus): number =>
  diff.competencies.reduce((n, c) => n + ofStatus(c, status).length, 0);

/** The 'to' level's own examples: those of 'from' are its own evidence, not something 'to' dropped. */
const ownExamples = (c: CompetencyDiff): string[] =>
  c.examples.flatMap((e) => (e.status === 'REMOVED' || e.to === null ? [] : [e.to]));

const COUNT_KEY: Record<ChangeStatus, string> = {
  ADDED: 'added',
  CHANGED: 'changed',
  UNCHANGED: 'unchanged',
  REMOVED: 'removed',
};
const SYMBOL: Record<ChangeStatus, string> = { ADDED: '+', REMOVED: '−', CHANGED: '~', UNCHANGED: '=' };

/** The counts of expectations by section, and a contents list of the sections. */
export function readerCounts(diff: LevelDiff, upward: boolean): HTMLUListElement {
  const to = shortName(diff.to, diff.from);
  const words: Record<ChangeStatus, string> = {
    ADDED: 'new',
    CHANGED: upward ? 'grown' : 'changed',
    UNCHANGED: 'still expected',
    REMOVED: `not expected at ${to}`,
  };
  return h(
    'ul',
    { class: 'counts counts--total counts--reader', 'aria-label': `Expectations of ${to}` },
    sections(diff, upward)
      .filter((s) => s.status !== 'REMOVED' || countIn(diff, 'REMOVED') > 0)
      .map((s) => {
        const n = countIn(diff, s.status);
        return h(
          'li',
          {
            class: `count count--${COUNT_KEY[s.status]}`,
            'data-status': COUNT_KEY[s.status],
            'data-count': n,
          },
          h('span', { class: 'count-symbol', 'aria-hidden': 'true' }, SYMBOL[s.status]),
          h('span', { class: 'count-value' }, String(n)),
          ` ${words[s.status]}`,
        );
      }),
  );
}

/** The reader's sections, each grouping its expectations under their competencies, then the examples. */
export function readerSections(diff: LevelDiff, upward: boolean): Child[] {
  return [sections(diff, upward).map((s) => readerSection(diff, s)), examplesSection(diff)];
}

function readerSection(diff: LevelDiff, section: Section): HTMLElement | null {
  const groups = diff.competencies.filter((c) => ofStatus(c, section.status).length > 0);
  if (groups.length === 0 && section.status === 'REMOVED') return null;
  const headingId = `${section.id}-h`;
  return h(
    'section',
    {
      class: `reader-section reader-section--${COUNT_KEY[section.status]}`,
      id: section.id,
      'aria-labelledby': headingId,
      'data-status': section.status,
      tabindex: '-1',
    },
    h(
      'h2',
      { id: headingId },
      section.heading,
      ' ',
      h('span', { class: 'title-suffix' }, `(${countIn(diff, section.status)})`),
    ),
    groups.length === 0
      ? h('p', { class: 'muted' }, section.none)
      : groups.map((c) => competencyGroup(c, section)),
  );
}

function competencyGroup(competency: CompetencyDiff, section: Section): HTMLElement {
  const id = domId(section.id, competency.slug);
  const items = ofStatus(competency, section.status);
  const status = COUNT_KEY[section.status];
  const list = h(
    section.status === 'UNCHANGED' ? 'ul' : 'ol',
    { class: 'changes', 'aria-labelledby': `${id}-h` },
    items.map((item) =>
      h(
        'li',
        { class: `change change--${status}` },
        h(
          'span',
          { class: 'change-text' },
          item.status === 'CHANGED' ? wordDiff(item) : (item.to ?? item.from ?? ''),
        ),
      ),
    ),
  );
  return h(
    'div',
    { class: 'reader-group', 'data-slug': competency.slug },
    h('h3', { id: `${id}-h` }, emoji(competency.emoji), competency.name),
    // what a reader already knows is folded, with how many it holds
    section.status === 'UNCHANGED'
      ? fold(
          {
            show: `Show ${items.length} still expected`,
            hide: `Hide ${items.length} still expected`,
            context: `in ${competency.name}`,
          },
          list,
          'fold--unchanged',
        )
      : list,
  );
}

function examplesSection(diff: LevelDiff): HTMLElement {
  const to = shortName(diff.to, diff.from);
  const groups = diff.competencies
    .map((c) => ({ competency: c, examples: ownExamples(c) }))
    .filter((g) => g.examples.length > 0);
  return h(
    'section',
    {
      class: 'reader-section reader-section--examples',
      id: 'reader-examples',
      'aria-labelledby': 'reader-examples-h',
      tabindex: '-1',
    },
    h('h2', { id: 'reader-examples-h' }, `Examples at ${to}`),
    h(
      'p',
      { class: 'legend muted' },
      `Examples are each level's own evidence, not inherited: these are the ones ${to} gives, and the lower level's are not listed as removed.`,
    ),
    groups.length === 0
      ? h('p', { class: 'muted' }, `${to} gives no examples.`)
      : groups.map(({ competency, examples }) => {
          const id = domId('reader-examples', competency.slug);
          return h(
            'div',
            { class: 'reader-group', 'data-slug': competency.slug },
            h('h3', { id: `${id}-h` }, emoji(competency.emoji), competency.name),
            fold(
              {
                show: `Show ${countOf(examples.length, 'example')}`,
                hide: `Hide ${countOf(examples.length, 'example')}`,
                context: `in ${competency.name}`,
              },
              h(
                'ul',
                { class: 'items', 'aria-labelledby': `${id}-h` },
                examples.map((e) => h('li', null, e)),
              ),
              'fold--examples',
            ),
          );
        }),
  );
}

/** The contents of the reader's page: its sections, with how many each holds. */
export function readerToc(diff: LevelDiff, upward: boolean): HTMLElement {
  const present = sections(diff, upward).filter(
    (s) => s.status !== 'REMOVED' || countIn(diff, 'REMOVED') > 0,
  );
  return h(
    'nav',
    { class: 'toc', 'aria-label': 'Sections' },
    h(
      'ul',
      null,
      present.map((s) => h('li', null, h('a', { href: `#${s.id}` }, s.heading))),
      h('li', null, h('a', { href: '#reader-examples' }, `Examples at ${shortName(diff.to, diff.from)}`)),
    ),
  );
}
