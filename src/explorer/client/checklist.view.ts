import { emoji, levelLabel, pageTitle, statusBadge } from './components.js';
import { wordDiff } from './diff-segments.js';
import { domId, h, type Child } from './dom.js';
import { request } from './graphql.client.js';
import { defaultPair, diffTitle, levelPairForm, shortName, unknownLevelAlert } from './level-pair.js';
import { CHECKLIST, type ChecklistItem, type ChecklistResult, type StepChecklist } from './queries.js';
import { checklistExportHref, checklistHref, diffHref } from './routes.js';
import { versionDate } from './version-label.js';
import type { Rendered, ViewContext } from './view.js';

/**
 * /checklist?from=…&to=…: the step from one level to another as a checklist, the 'to' level's new and
 * grown expectations with room for evidence under each, to print or download for a promotion case.
 */
export async function checklistView(params: URLSearchParams, ctx: ViewContext): Promise<Rendered> {
  const tracks = await ctx.tracks();
  const from = params.get('from');
  const to = params.get('to');
  const defaults = defaultPair(tracks, from);
  const form = levelPairForm(
    { action: '/checklist', label: 'Choose the step', submit: 'Show the checklist', idPrefix: 'checklist' },
    tracks,
    from ?? defaults.from,
    to ?? defaults.to,
  );
  if (!from || !to) {
    const title = pageTitle('Step checklist');
    const hint = h(
      'p',
      { class: 'muted' },
      'Choose the level you are at and the one you are working towards: the checklist lists what is new and what has grown, with room for your evidence.',
    );
    return { title: 'Step checklist', nodes: [form, title, hint], focus: title };
  }
  try {
    const { stepChecklist } = await request<ChecklistResult>(CHECKLIST, { from, to });
    const title = pageTitle(`From ${levelLabel(stepChecklist.from)} to ${levelLabel(stepChecklist.to)}`);
    title.classList.add('checklist-title');
    return {
      title: `${diffTitle(stepChecklist)} · Step checklist`,
      nodes: [form, eyebrow(stepChecklist), title, ...checklistPage(stepChecklist)],
      focus: title,
    };
  } catch (error) {
    const title = pageTitle('Step checklist');
    return {
      title: 'Step checklist',
      nodes: [form, title, unknownLevelAlert(error, from, to, checklistHref)],
      focus: title,
    };
  }
}

function eyebrow(checklist: StepChecklist): HTMLParagraphElement {
  const { from, to } = checklist;
  return h(
    'p',
    { class: 'eyebrow' },
    from.track.id === to.track.id ? to.track.name : `${from.track.name} → ${to.track.name}`,
    ' · ',
    h('a', { href: diffHref(from.id, to.id) }, 'Compare the two levels'),
  );
}

/** Which framework the checklist was made from, so a promotion case can say what it was written against. */
function versionLine(checklist: StepChecklist): HTMLParagraphElement {
  const { version, commit } = checklist.framework;
  return h(
    'p',
    { class: 'checklist-version', 'data-version': version, 'data-commit': commit?.id ?? null },
    'Made from the framework at ',
    commit
      ? [
          'commit ',
          h('code', null, commit.shortId),
          commit.tags.length > 0 ? [' (', commit.tags.join(', '), ')'] : null,
          ` of ${versionDate(commit.committedAt)}, content `,
          h('code', null, version),
        ]
      : ['content ', h('code', null, version), ' (not a git commit)'],
    '.',
  );
}

function checklistPage(checklist: StepChecklist): Child[] {
  const { from, to, items } = checklist;
  const print = h('button', { type: 'button', class: 'secondary' }, 'Print');
  print.addEventListener('click', () => window.print());
  const name = `checklist-${domId(from.id)}-to-${domId(to.id)}`;
  const groups = byCompetency(items);
  return [
    versionLine(checklist),
    h(
      'p',
      { class: 'legend muted checklist-privacy' },
      'Nothing you tick or type here is stored or sent anywhere: print the page or save it as a PDF to keep it.',
    ),
    h(
      'p',
      { class: 'actions checklist-actions' },
      print,
      ' ',
      h(
        'a',
        { href: checklistExportHref(from.id, to.id, 'md'), download: `${name}.md` },
        'Download as Markdown',
      ),
      ' ',
      h(
        'a',
        { href: checklistExportHref(from.id, to.id, 'csv'), download: `${name}.csv` },
        'Download as CSV',
      ),
    ),
    groups.length === 0
      ? h(
          'p',
          { class: 'muted' },
          `${shortName(to, from)} has nothing new or grown over ${shortName(from, to)}.`,
        )
      : groups.map((group) => competencyGroup(group, from, to)),
  ];
}

interface Group {
  readonly competency: ChecklistItem['competency'];
  readonly items: ChecklistItem[];
}

/** The items under their competencies, in the order the API gives them. */
function byCompetency(items: readonly ChecklistItem[]): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const group = groups.get(item.competency.slug) ?? { competency: item.competency, items: [] };
    group.items.push(item);
    groups.set(item.competency.slug, group);
  }
  return [...groups.values()];
}

function competencyGroup(group: Group, from: StepChecklist['from'], to: StepChecklist['to']): HTMLElement {
  const id = domId('checklist', group.competency.slug);
  return h(
    'section',
    { class: 'checklist-group', 'aria-labelledby': `${id}-h`, 'data-slug': group.competency.slug },
    h('h2', { id: `${id}-h` }, emoji(group.competency.emoji), group.competency.name),
    h(
      'ol',
      { class: 'checklist-items' },
      group.items.map((item) => checklistItem(item, shortName(from, to))),
    ),
  );
}

function checklistItem(item: ChecklistItem, fromName: string): HTMLLIElement {
  const id = domId('check', item.expectation.id);
  const grown = item.status === 'CHANGED' && item.grownFrom !== null;
  return h(
    'li',
    { class: `checklist-item checklist-item--${item.status.toLowerCase()}`, 'data-id': item.expectation.id },
    h(
      'div',
      { class: 'checklist-check' },
      h('input', { type: 'checkbox', id }),
      h('label', { for: id }, statusBadge(item.status, grown ? 'Grown' : 'New'), ' ', item.expectation.text),
    ),
    grown
      ? h(
          'p',
          { class: 'grown-from change-text' },
          h('span', { class: 'grown-from-label' }, `Grown from ${fromName}: `),
          // drawn as the compare page draws a grown item
          wordDiff({
            status: item.status,
            from: item.grownFrom,
            to: item.expectation.text,
            segments: item.segments,
          }),
        )
      : null,
    h(
      'div',
      { class: 'evidence' },
      h('label', { for: `${id}-evidence` }, 'Evidence'),
      // the placeholder is what print.css tells an empty area by, to draw ruled lines instead
      h('textarea', {
        id: `${id}-evidence`,
        rows: 3,
        placeholder: 'What you did, when, and where it can be seen',
      }),
      h(
        'div',
        { class: 'evidence-lines', 'aria-hidden': 'true' },
        [1, 2, 3, 4].map(() => h('span', { class: 'evidence-line' })),
      ),
    ),
  );
}
