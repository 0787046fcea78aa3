import { alertBox, controls, countOf, errorAlert, levelLabel, pageTitle } from './components.js';
import { refOf } from './diff.view.js';
import { levelDiffDetails } from './level-diff.js';
import { domId, h, type Child } from './dom.js';
import { ApiError, request } from './graphql.client.js';
import {
  CHANGES,
  VERSION_LEVELS,
  VERSIONS,
  type ChangedLevel,
  type ChangesResult,
  type FrameworkChanges,
  type VersionLevelsResult,
  type VersionSummary,
  type VersionsResult,
} from './history-queries.js';
import type { LevelDiff } from './queries.js';
import { changesCsvHref, changesHref, diffHref, levelHref } from './routes.js';
import type { Rendered } from './view.js';
import { versionDate, versionName } from './version-label.js';

/** How many versions VERSIONS asks for: a list this long may stop before the first version. */
const LISTED_VERSIONS = 100;

/**
 * /changes?since=<ref>[&until=<ref>]: what changed in the whole framework from one version to a later
 * one (the content served now without `until`), level by level. Without either, it shows the changes
 * since the version its picker preselects; with `until` alone (the feed's link for a version), the
 * changes since the version before it, or, for the first version, every level it has as added.
 */
export async function changesView(params: URLSearchParams): Promise<Rendered> {
  const { versions } = await request<VersionsResult>(VERSIONS);
  const title = pageTitle('What changed');
  if (versions.length === 0) {
    const none = h(
      'p',
      { class: 'no-history' },
      'This server has no history of the framework: its content is not in a git repository (or history is turned off), so there are no earlier versions to compare with.',
    );
    return { title: 'What changed', nodes: [title, none], focus: title };
  }
  const until = params.get('until') || null;
  let since = params.get('since') || null;
  if (!since && !until) {
    // a filled-in form above a blank page reads as broken: show what the form would show
    since = versionName(preselected(versions));
    reflectInUrl(params, changesHref(since));
  }
  if (!since && until) {
    const at = versions.findIndex((v) => names(v, until));
    const before = at === -1 ? undefined : versions[at + 1];
    if (before) {
      since = versionName(before);
      reflectInUrl(params, changesHref(since, until));
    } else return untilAlone(versions, until, title, at !== -1 && versions.length < LISTED_VERSIONS);
  }
  const from = since!;
  const form = versionForm(versions, from, until);
  let changes: FrameworkChanges;
  try {
    ({ changes } = await request<ChangesResult>(CHANGES, { since: from, until }));
  } catch (error) {
    return {
      title: 'Version not found',
      nodes: [form, title, unknownVersionAlert(error, from, until)],
      focus: title,
    };
  }
  const span =
    changes.until && until
      ? `${versionName(changes.since)} to ${versionName(changes.until)}`
      : `Since ${versionName(changes.since)}`;
  return {
    title: `${span} · What changed`,
    nodes: [form, title, ...changesPage(changes, from, until)],
    focus: title,
  };
}

/** The version the picker offers first: the one before the newest, so the page shows the latest step. */
function preselected(versions: readonly VersionSummary[]): VersionSummary {
  return versions[1] ?? versions[0]!;
}

/** True when `ref` names the version: a tag, the full or short hash, or a prefix of 4+ hex digits. */
function names(version: VersionSummary, ref: string): boolean {
  if (ref === version.id || ref === version.shortId || version.tags.includes(ref)) return true;
  return /^[0-9a-f]{4,}$/i.test(ref) && version.id.startsWith(ref.toLowerCase());
}

/**
 * The URL says what the page shows, so it can be shared and reloaded; replaced (not pushed) so Back
 * does not return to the same page, and only while the reader is still on the URL being rendered.
 */
function reflectInUrl(params: URLSearchParams, target: string): void {
  const { location, history } = window;
  if (
    location.pathname !== '/changes' ||
    new URLSearchParams(location.search).toString() !== params.toString()
  )
    return;
  history.replaceState(history.state, '', target + location.hash);
}

/**
 * `until` alone with no listed version before it. When it is the oldest version this server has,
 * every level in it is new; when it is not among the listed versions (a branch, or older than the
 * list), the page asks for `since`.
 */
async function untilAlone(
  versions: readonly VersionSummary[],
  until: string,
  title: HTMLHeadingElement,
  first: boolean,
): Promise<Rendered> {
  const form = versionForm(versions, null, until);
  const { version } = await request<VersionLevelsResult>(VERSION_LEVELS, { ref: until });
  if (!version)
    return { title: 'Version not found', nodes: [form, title, noSuchVersion(until, 'until')], focus: title };
  const name = versionName(version);
  if (!first) {
    const hint = h(
      'p',
      { class: 'muted' },
      `Choose an earlier version to see which levels were added, removed or changed up to ${name}.`,
    );
    return { title: 'What changed', nodes: [form, title, hint], focus: title };
  }
  const levels = version.framework.tracks.flatMap((t) => t.levels);
  const intro = h(
    'p',
    { class: 'changes-intro changes-first' },
    `${name} (${versionDate(version.committedAt)}) is the first version: there is no earlier one to compare it with, so its `,
    countOf(levels.length, 'level'),
    ' are listed as added.',
  );
  return {
    title: `${name}, the first version · What changed`,
    nodes: [form, title, intro, levelList('changes-added', 'Added levels', levels)],
    focus: title,
  };
}

/** An unknown since or until named in an alert; any other failure as errorAlert shows it. */
function unknownVersionAlert(error: unknown, since: string, until: string | null): HTMLElement {
  if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') return errorAlert(error);
  const argument = error.argument === 'until' && until ? 'until' : 'since';
  return noSuchVersion(argument === 'until' ? until! : since, argument);
}

function noSuchVersion(ref: string, argument: 'since' | 'until'): HTMLElement {
  const alert = alertBox(
    `There is no version “${ref}”.`,
    h(
      'p',
      null,
      `It was given as “${argument}”. A version is a tag, a branch or a commit hash (4 digits or more); the pickers above list the versions this server has.`,
    ),
  );
  alert.dataset.argument = argument;
  alert.dataset.ref = ref;
  return alert;
}

/** One option per version, and one for a ref the list does not name (a branch, an older hash) so the form keeps it. */
function versionOptions(versions: readonly VersionSummary[], selected: string | null): HTMLOptionElement[] {
  const options = versions.map((v) =>
    h(
      'option',
      { value: versionName(v), selected: selected !== null && names(v, selected) },
      `${versionName(v)} · ${versionDate(v.committedAt)} · ${v.subject}`,
    ),
  );
  if (selected && !versions.some((v) => names(v, selected)))
    options.unshift(h('option', { value: selected, selected: true }, selected));
  return options;
}

/** The versions an "until" may be: those after `since`, newest first (every one when `since` is not listed). */
function laterThan(versions: readonly VersionSummary[], since: string | null): readonly VersionSummary[] {
  const at = since ? versions.findIndex((v) => names(v, since)) : -1;
  return at === -1 ? versions : versions.slice(0, at);
}

function untilOptions(
  versions: readonly VersionSummary[],
  since: string | null,
  until: string | null,
): HTMLOptionElement[] {
  const later = laterThan(versions, since);
  // an until the URL names stays offered even when it is not after since, so the form says what the page shows
  const shown = until && !later.some((v) => names(v, until)) ? versions.filter((v) => names(v, until)) : [];
  return [
    h('option', { value: '', selected: !until }, 'the content served now'),
    ...versionOptions([...later, ...shown], until),
  ];
}

function versionForm(
  versions: readonly VersionSummary[],
  since: string | null,
  until: string | null,
): HTMLFormElement {
  const sinceSelect = h(
    'select',
    { id: 'changes-since', name: 'since' },
    // only the first version's page has no since: offering "none" keeps that page's form as it is
    since === null ? h('option', { value: '', selected: true }, 'none: the first version') : null,
    versionOptions(versions, since),
  );
  const untilSelect = h(
    'select',
    { id: 'changes-until', name: 'until' },
    untilOptions(versions, since, until),
  );
  sinceSelect.addEventListener('change', () => {
    const kept = untilSelect.value || null;
    const offered = laterThan(versions, sinceSelect.value || null);
    const still = kept !== null && offered.some((v) => names(v, kept)) ? kept : null;
    untilSelect.replaceChildren(...untilOptions(versions, sinceSelect.value || null, still));
  });
  return controls(
    '/changes',
    'Choose the versions to compare',
    h('div', { class: 'field' }, h('label', { for: 'changes-since' }, 'Since'), sinceSelect),
    h('div', { class: 'field' }, h('label', { for: 'changes-until' }, 'Until'), untilSelect),
    h('button', { type: 'submit' }, 'Show changes'),
  );
}

function changesPage(changes: FrameworkChanges, since: string, until: string | null): Child[] {
  const { addedLevels, removedLevels, changedLevels } = changes;
  const later = changes.until ? versionName(changes.until) : 'the content served now';
  const earlier = versionName(changes.since);
  const nothing = addedLevels.length + removedLevels.length + changedLevels.length === 0;
  const file = `changes-since-${earlier}${until ? `-until-${later}` : ''}.csv`;
  return [
    h(
      'p',
      { class: 'changes-intro' },
      `From ${earlier} (${versionDate(changes.since.committedAt)}) to ${later}: `,
      nothing
        ? 'nothing changed.'
        : [
            countOf(changedLevels.length, 'level'),
            ' changed, ',
            countOf(addedLevels.length, 'level'),
            ' added, ',
            countOf(removedLevels.length, 'level'),
            ' removed.',
          ],
      ' ',
      h('a', { href: changesCsvHref(since, until), download: file }, 'Download as CSV'),
    ),
    levelList('changes-added', 'Added levels', addedLevels),
    levelList('changes-removed', 'Removed levels', removedLevels),
    changedLevels.length > 0
      ? h(
          'section',
          { class: 'changes-changed', 'aria-labelledby': 'changes-changed-h' },
          h('h2', { id: 'changes-changed-h' }, 'Changed levels'),
          changedLevels.map(changedLevel),
        )
      : null,
  ];
}

function levelList(id: string, heading: string, levels: readonly ChangedLevel[]): HTMLElement | null {
  if (levels.length === 0) return null;
  return h(
    'section',
    { class: id, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, heading),
    h(
      'ul',
      { class: 'level-list' },
      levels.map((level) =>
        h(
          'li',
          null,
          h('a', { href: levelHref(level.id) }, `${level.track.name} ${levelLabel(level)}`),
          refOf(level.id) ? h('span', { class: 'muted' }, ` (as it was at ${refOf(level.id)})`) : null,
        ),
      ),
    ),
  );
}

function changedLevel(diff: LevelDiff): HTMLElement {
  const id = domId('changed', diff.to.id);
  return h(
    'section',
    { class: 'changed-level', id, 'aria-labelledby': `${id}-h`, 'data-level': diff.to.id },
    h(
      'h3',
      { id: `${id}-h` },
      h('a', { href: levelHref(diff.to.id) }, `${diff.to.track.name} ${levelLabel(diff.to)}`),
    ),
    h('p', null, h('a', { href: diffHref(diff.from.id, diff.to.id) }, 'Open this comparison on its own')),
    levelDiffDetails(diff, id, 4),
  );
}
