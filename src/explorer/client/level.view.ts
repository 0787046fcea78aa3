import {
  alertBox,
  controls,
  countOf,
  emoji,
  levelLabel,
  levelSelect,
  link,
  pageTitle,
} from './components.js';
import { domId, h, type Child } from './dom.js';
import { fold } from './fold.js';
import { request } from './graphql.client.js';
import {
  LEVEL,
  type LevelCompetency,
  type LevelDetail,
  type LevelResult,
  type TrackSummary,
} from './queries.js';
import { competencyAnchor, csvHref, diffHref, levelHref, matrixHref } from './routes.js';
import { closestIds } from '../../domain/closest-ids.js';
import type { Rendered, ViewContext } from './view.js';
import { versionDate, versionName } from './version-label.js';

/** /level?id=… (and /embed/level): one level with its statement, attributes and competencies. */
export async function levelView(params: URLSearchParams, ctx: ViewContext): Promise<Rendered> {
  const id = params.get('id');
  const tracks = await ctx.tracks();
  const picker = ctx.embed ? null : levelPicker(tracks, id);
  if (!id) {
    const title = pageTitle('Levels');
    return { title: 'Levels', nodes: [picker, title, trackOverview(tracks)], focus: title };
  }
  const { level } = await request<LevelResult>(LEVEL, { id });
  if (!level) {
    const title = pageTitle('Level not found');
    const ids = tracks.flatMap((t) => t.levels.map((l) => l.id));
    const alert = alertBox(
      `There is no level with the id “${id}”.`,
      h(
        'p',
        null,
        'Level ids are written ',
        h('code', null, 'track/code'),
        ', such as ',
        h('code', null, ids[0] ?? 'software-engineer/L1'),
        '.',
      ),
      closestIds(ids, id).map((s) => ({ href: levelHref(s), text: s })),
    );
    return { title: 'Level not found', nodes: [picker, title, alert], focus: title };
  }
  const title = pageTitle(
    level.title,
    level.status === 'DRAFT' ? [' ', h('span', { class: 'badge badge--draft' }, 'Draft')] : null,
  );
  return {
    title: `${level.code} ${level.title}`,
    nodes: [picker, ...levelPage(level, title, ctx)],
    focus: title,
  };
}

function levelPicker(tracks: readonly TrackSummary[], selected: string | null): HTMLFormElement {
  return controls(
    '/level',
    'Choose a level',
    levelSelect(
      { id: 'level-id', name: 'id', label: 'Level' },
      tracks,
      selected ?? tracks[0]?.levels[0]?.id ?? null,
    ),
    h('button', { type: 'submit' }, 'Show level'),
  );
}

/** Every track's levels as links: the way in when no level is chosen yet. */
export function trackOverview(tracks: readonly TrackSummary[]): HTMLDivElement {
  return h(
    'div',
    { class: 'tracks' },
    tracks.map((track) => {
      const headingId = domId('track', track.id);
      const [first, second] = track.levels;
      return h(
        'section',
        { class: 'card', 'aria-labelledby': headingId },
        h('h2', { id: headingId }, track.name),
        track.description ? h('p', { class: 'muted' }, track.description) : null,
        h(
          'ol',
          { class: 'level-list' },
          track.levels.map((level) =>
            h('li', null, h('a', { href: levelHref(level.id) }, levelLabel(level))),
          ),
        ),
        h(
          'p',
          { class: 'card-actions' },
          h('a', { href: matrixHref(track.id) }, 'Competency matrix'),
          first && second
            ? h('a', { href: diffHref(first.id, second.id) }, `Compare ${first.code} → ${second.code}`)
            : null,
          h('a', { href: csvHref(track.id), download: `${track.id}.csv` }, 'Download CSV'),
        ),
      );
    }),
  );
}

function levelPage(level: LevelDetail, title: HTMLHeadingElement, ctx: ViewContext): Child[] {
  return [
    h(
      'p',
      { class: 'eyebrow' },
      link(ctx, matrixHref(level.track.id), level.track.name),
      ' · ',
      h('span', null, level.code),
    ),
    title,
    level.summary ? h('blockquote', { class: 'statement' }, h('p', null, level.summary)) : null,
    level.attributes.length > 0
      ? h(
          'dl',
          { class: 'attributes' },
          level.attributes.map((a) => h('div', null, h('dt', null, a.label), h('dd', null, a.value))),
        )
      : null,
    ctx.embed ? null : lastChangeLine(level),
    ctx.embed ? null : neighbours(level),
    ctx.embed
      ? null
      : h(
          'nav',
          { class: 'toc', 'aria-label': 'Competencies' },
          h(
            'ul',
            null,
            level.competencies.map((c) =>
              h('li', null, h('a', { href: `#${competencyAnchor(c.slug)}` }, emoji(c.emoji), c.name)),
            ),
          ),
        ),
    level.competencies.map((c) => competencySection(c, ctx)),
    ctx.embed
      ? h(
          'p',
          { class: 'embed-footer' },
          link(ctx, levelHref(level.id), 'Open in the career framework explorer'),
        )
      : null,
  ];
}

/** "Changed in v2 (2 Jan 2026): see what changed", linking to the diff from the version before it. */
function lastChangeLine(level: LevelDetail): HTMLElement | null {
  const change = level.lastChange;
  if (!change) return null;
  const when = change.version
    ? `in ${versionName(change.version)} (${versionDate(change.version.committedAt)})`
    : `since ${versionName(change.since)}, not yet committed`;
  return h(
    'p',
    { class: 'last-change muted' },
    change.from ? `Changed ${when}: ` : `Added ${when}.`,
    change.from ? h('a', { href: diffHref(change.from.id, level.id) }, 'see what changed') : null,
  );
}

function neighbours(level: LevelDetail): HTMLElement | null {
  const { previous, next } = level;
  if (!previous && !next) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Neighbouring levels' },
    h(
      'ul',
      null,
      previous
        ? [
            h('li', null, h('a', { href: levelHref(previous.id), rel: 'prev' }, '← ', levelLabel(previous))),
            h(
              'li',
              null,
              h('a', { href: diffHref(previous.id, level.id) }, `What changed since ${previous.code}`),
            ),
          ]
        : null,
      next
        ? [
            h('li', null, h('a', { href: diffHref(level.id, next.id) }, `What changes at ${next.code}`)),
            h('li', null, h('a', { href: levelHref(next.id), rel: 'next' }, levelLabel(next), ' →')),
          ]
        : null,
    ),
  );
}

function competencySection(competency: LevelCompetency, ctx: ViewContext): HTMLElement {
  const id = competencyAnchor(competency.slug);
  const examples = h(
    'ul',
    { class: 'items items--examples' },
    competency.examples.map((x) => h('li', null, x.text)),
  );
  // focusable, so a jump link to it moves keyboard focus there and Tab goes on from it
  return h(
    'section',
    { class: 'competency', id, 'aria-labelledby': `${id}-h`, tabindex: '-1' },
    h('h2', { id: `${id}-h` }, emoji(competency.emoji), competency.name),
    h('h3', null, 'Expectations'),
    h(
      'ul',
      { class: 'items' },
      competency.expectations.map((e) => h('li', null, e.text)),
    ),
    competency.examples.length === 0
      ? null
      : ctx.embed
        ? fold(
            {
              show: `Show ${countOf(competency.examples.length, 'example')}`,
              hide: `Hide ${countOf(competency.examples.length, 'example')}`,
              context: `of ${competency.name}`,
            },
            examples,
            'fold--examples',
          )
        : [h('h3', null, 'Examples'), examples],
  );
}
