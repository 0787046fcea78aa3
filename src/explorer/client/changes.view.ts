import { controls, countOf, levelLabel, pageTitle } from './components.js';
import { refOf } from './diff.view.js';
import { levelDiffDetails } from './level-diff.js';
import { domId, h, type Child } from './dom.js';
import { request } from './graphql.client.js';
import {
  CHANGES,
  VERSIONS,
  type ChangedLevel,
  type ChangesResult,
  type FrameworkChanges,
  type LevelDiff,
  type VersionSummary,
  type VersionsResult,
} from './queries.js';
import { changesCsvHref, diffHref, levelHref } from './routes.js';
import type { Rendered } from './view.js';
import { versionDate, versionName } from './version-label.js';

/** /changes?since=<ref>: what changed in the whole framework since a version, level by level. */
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
  const since = params.get('since');
  const form = versionForm(versions, since);
  if (!since) {
    const hint = h(
      'p',
      { class: 'muted' },
      'Choose an earlier version to see which levels were added, removed or changed since then, word by word.',
    );
    return { title: 'What changed', nodes: [form, title, hint], focus: title };
  }
  const { changes } = await request<ChangesResult>(CHANGES, { since });
  return {
    title: `Since ${since} · What changed`,
    nodes: [form, title, ...changesPage(changes, since)],
    focus: title,
  };
}

function versionForm(versions: readonly VersionSummary[], selected: string | null): HTMLFormElement {
  const chosen = selected ?? versionName(versions[1] ?? versions[0]!);
  const select = h(
    'select',
    { id: 'changes-since', name: 'since' },
    versions.map((v) =>
      h(
        'option',
        { value: versionName(v), selected: v.shortId === chosen || v.tags.includes(chosen) },
        `${versionName(v)} · ${versionDate(v.committedAt)} · ${v.subject}`,
      ),
    ),
  );
  return controls(
    '/changes',
    'Choose a version to compare with',
    h('div', { class: 'field' }, h('label', { for: 'changes-since' }, 'Since'), select),
    h('button', { type: 'submit' }, 'Show changes'),
  );
}

function changesPage(changes: FrameworkChanges, since: string): Child[] {
  const { addedLevels, removedLevels, changedLevels } = changes;
  const until = changes.until ? versionName(changes.until) : 'the content served now';
  const nothing = addedLevels.length + removedLevels.length + changedLevels.length === 0;
  return [
    h(
      'p',
      { class: 'changes-intro' },
      `From ${versionName(changes.since)} (${versionDate(changes.since.committedAt)}) to ${until}: `,
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
      h('a', { href: changesCsvHref(since), download: `changes-since-${since}.csv` }, 'Download as CSV'),
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
