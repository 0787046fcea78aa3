import { emoji, levelLabel, link, pageTitle, statusBadge } from './components.js';
import { decoration, h, srOnly, type Child } from './dom.js';
import { request } from './graphql.client.js';
import { attributeChanges, competencyDiff, counts } from './level-diff.js';
import { defaultPair, diffTitle, levelPairForm, refOf, shortName, unknownLevelAlert } from './level-pair.js';
import { DIFF, type DiffResult, type LevelDiff, type TrackSummary } from './queries.js';
import { readerCounts, readerSections, readerToc } from './reader-diff.js';
import { checklistHref, competencyAnchor, diffHref, levelHref } from './routes.js';
import type { Rendered, ViewContext } from './view.js';

// the changes page names earlier versions the same way
export { refOf } from './level-pair.js';

/** /diff?from=…&to=…: what changes between two levels, on one track or across tracks. */
export async function diffView(params: URLSearchParams, ctx: ViewContext): Promise<Rendered> {
  const tracks = await ctx.tracks();
  const from = params.get('from');
  const to = params.get('to');
  const written = params.get('basis') === 'written';
  const defaults = defaultPair(tracks, from);
  // an embed shows one comparison, chosen by its URL
  const form = ctx.embed ? null : compareForm(tracks, from ?? defaults.from, to ?? defaults.to);
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
      authoring: written,
    });
    const title = pageTitle(
      link(ctx, levelHref(diffLevels.from.id), levelLabel(diffLevels.from), versionOf(diffLevels.from.id)),
      ' ',
      decoration('→'),
      srOnly('compared with'),
      ' ',
      link(ctx, levelHref(diffLevels.to.id), levelLabel(diffLevels.to), versionOf(diffLevels.to.id)),
    );
    title.classList.add('diff-title');
    return {
      title: `${diffTitle(diffLevels)} · Compare`,
      nodes: [form, diffEyebrow(diffLevels, ctx), title, ...diffPage(diffLevels, ctx, tracks, written)],
      focus: title,
    };
  } catch (error) {
    const title = pageTitle('Compare two levels');
    return {
      title: 'Compare levels',
      nodes: [form, title, unknownLevelAlert(error, from, to, diffHref)],
      focus: title,
    };
  }
}

/** "(at v1)" after a level read from an earlier version, so "L3 → L3" across versions reads right. */
function versionOf(id: string): Child {
  const ref = refOf(id);
  return ref === null ? null : h('span', { class: 'version-ref' }, ` (at ${ref})`);
}

function compareForm(
  tracks: readonly TrackSummary[],
  from: string | null,
  to: string | null,
): HTMLFormElement {
  return levelPairForm(
    { action: '/diff', label: 'Choose two levels to compare', submit: 'Compare', idPrefix: 'diff' },
    tracks,
    from,
    to,
  );
}

function diffEyebrow(diff: LevelDiff, ctx: ViewContext): HTMLParagraphElement {
  const crossTrack = diff.from.track.id !== diff.to.track.id;
  return h(
    'p',
    { class: 'eyebrow' },
    crossTrack ? `${diff.from.track.name} → ${diff.to.track.name}` : diff.to.track.name,
    ' · ',
    link(ctx, diffHref(diff.to.id, diff.from.id), 'Reverse the comparison'),
  );
}

/** On a cumulative track, the page says once how it compares, with the other comparison a link away. */
function basisNote(diff: LevelDiff, written: boolean, ctx: ViewContext): Child {
  const { from, to } = diff;
  if (from.track.progression !== 'CUMULATIVE' && to.track.progression !== 'CUMULATIVE') return null;
  // in an embed it opens the explorer in a new tab: the explorer's own pages refuse to be framed
  const other = link(
    ctx,
    diffHref(from.id, to.id, !written),
    written ? 'Compare what each level expects' : 'Compare the files as written',
  );
  other.classList.add('basis-toggle');
  return h(
    'p',
    { class: 'basis-note legend muted', 'data-basis': written ? 'written' : 'expected' },
    written
      ? `As written: each file's items against the other's, for editors. The track is cumulative, so an item shown as removed may still be expected at ${to.code}. `
      : `${to.code} expects everything the levels below it do, and lists only what is new or has grown: an expectation it does not restate is still expected, one it restates in a grown form shows its word diff, and examples are each level's own evidence. `,
    other,
  );
}

const wordMarks = (items: string): Child => [
  `In ${items}, `,
  h('ins', null, 'inserted words'),
  ' are underlined and ',
  h('del', null, 'deleted words'),
  ' struck through.',
];

function diffPage(
  diff: LevelDiff,
  ctx: ViewContext,
  tracks: readonly TrackSummary[],
  written: boolean,
): Child[] {
  return !written && diff.to.track.progression === 'CUMULATIVE'
    ? readerPage(diff, ctx, tracks)
    : editorPage(diff, written, ctx);
}

/** A step up one track: the 'to' level comes after the 'from' level (at whatever versions). */
function goesUp(diff: LevelDiff, tracks: readonly TrackSummary[]): boolean {
  if (diff.from.track.id !== diff.to.track.id) return false;
  const levels = tracks.flatMap((t) => t.levels.map((l) => l.id));
  const rank = (id: string): number => levels.indexOf(id.split('@')[0] ?? id);
  return rank(diff.from.id) < rank(diff.to.id);
}

/**
 * What a promotion reader asks: what is new at the higher level, what has grown, what is still
 * expected; with the step checklist of the new and grown items a link away.
 */
function readerPage(diff: LevelDiff, ctx: ViewContext, tracks: readonly TrackSummary[]): Child[] {
  const upward = goesUp(diff, tracks);
  // a checklist is for a step someone takes: up a track, or across to another one
  const step = upward || diff.from.track.id !== diff.to.track.id;
  const checklist =
    ctx.embed || !step
      ? null
      : h(
          'p',
          { class: 'checklist-link' },
          link(
            ctx,
            checklistHref(diff.from.id, diff.to.id),
            `Step checklist from ${shortName(diff.from, diff.to)} to ${shortName(diff.to, diff.from)}`,
          ),
          ': the new and grown expectations with room for your evidence, to print or download.',
        );
  return [
    h(
      'section',
      { class: 'diff-summary', 'aria-labelledby': 'diff-summary-h', 'data-layout': 'reader' },
      h('h2', { id: 'diff-summary-h', class: 'vh' }, 'Summary'),
      readerCounts(diff, upward),
      basisNote(diff, false, ctx),
      h('p', { class: 'legend muted' }, wordMarks(upward ? 'grown items' : 'changed items')),
      checklist,
    ),
    attributeChanges(diff),
    readerToc(diff, upward),
    readerSections(diff, upward),
  ];
}

/** The editors' layout: per competency, every item by status, against the other file as written. */
function editorPage(diff: LevelDiff, written: boolean, ctx: ViewContext): Child[] {
  return [
    h(
      'section',
      { class: 'diff-summary', 'aria-labelledby': 'diff-summary-h', 'data-layout': 'editor' },
      h('h2', { id: 'diff-summary-h', class: 'vh' }, 'Summary'),
      counts(diff.summary, 'Changes across all competencies', 'counts--total'),
      basisNote(diff, written, ctx),
      h(
        'p',
        { class: 'legend muted' },
        'Counts cover expectations and examples. ',
        wordMarks('changed items'),
      ),
    ),
    progressionWarnings(diff),
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
    diff.competencies.map((c) => competencyDiff(c)),
  ];
}

/**
 * For authors, on the editors' view: where the 'to' level does not visibly grow from the levels below
 * it, as content:check's progression lint reports it, with the file and line to fix.
 */
function progressionWarnings(diff: LevelDiff): HTMLElement | null {
  const warnings = diff.to.progressionWarnings ?? [];
  if (warnings.length === 0) return null;
  return h(
    'section',
    { class: 'progression-warnings', 'aria-labelledby': 'progression-warnings-h' },
    h('h2', { id: 'progression-warnings-h' }, `For authors: how ${diff.to.code} grows`),
    h(
      'p',
      { class: 'legend muted' },
      'What `npm run content:check` warns about this level; each may be right as written, so a person decides.',
    ),
    h(
      'ul',
      null,
      warnings.map((w) =>
        h(
          'li',
          { class: 'progression-warning', 'data-code': w.code },
          h('code', null, w.code),
          ' ',
          w.message,
          ' ',
          h('span', { class: 'muted' }, `(${w.location.path}:${w.location.line})`),
        ),
      ),
    ),
  );
}
