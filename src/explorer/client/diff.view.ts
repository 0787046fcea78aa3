import {
  alertBox,
  controls,
  emoji,
  errorAlert,
  levelLabel,
  levelSelect,
  pageTitle,
  statusBadge,
} from './components.js';
import { decoration, h, srOnly, type Child } from './dom.js';
import { ApiError, request } from './graphql.client.js';
import { attributeChanges, competencyDiff, counts } from './level-diff.js';
import { DIFF, type DiffResult, type LevelDiff, type TrackSummary } from './queries.js';
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
    diff.competencies.map((c) => competencyDiff(c, undefined, reader)),
  ];
}
