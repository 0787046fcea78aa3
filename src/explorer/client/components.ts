import { decoration, h, srOnly, type Child } from './dom.js';
import { ApiError } from './graphql.client.js';
import type { ChangeStatus, LevelRef, TrackSummary } from './queries.js';
import type { ViewContext } from './view.js';

/** The page's h1; focusable from script so a navigation can move focus to it. */
export function pageTitle(...children: Child[]): HTMLHeadingElement {
  return h('h1', { tabindex: '-1' }, ...children);
}

/** A link; in an embed it opens the full explorer in a new tab, since the explorer refuses to be framed. */
export function link(ctx: ViewContext, href: string, ...children: Child[]): HTMLAnchorElement {
  return ctx.embed
    ? h('a', { href, target: '_blank', rel: 'noopener' }, ...children, srOnly(' (opens in a new tab)'))
    : h('a', { href }, ...children);
}

/** A competency's emoji, hidden from screen readers: the name beside it says everything. */
export function emoji(value: string | null): Child {
  return value ? h('span', { class: 'emoji', 'aria-hidden': 'true' }, value, ' ') : null;
}

/**
 * A count with its noun in the right number: "1 example", "3 examples". Every count the explorer
 * shows in words goes through here.
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

export function levelLabel(level: LevelRef): string {
  return `${level.code} · ${level.title}`;
}

const STATUS: Record<ChangeStatus, { symbol: string; word: string }> = {
  ADDED: { symbol: '+', word: 'Added' },
  REMOVED: { symbol: '−', word: 'Removed' },
  CHANGED: { symbol: '~', word: 'Changed' },
  UNCHANGED: { symbol: '=', word: 'Unchanged' },
};

/** A change badge that says what happened in a symbol and a word, never by colour alone. */
export function statusBadge(status: ChangeStatus, word = STATUS[status].word): HTMLSpanElement {
  return h(
    'span',
    { class: `badge badge--${status.toLowerCase()}` },
    h('span', { class: 'badge-symbol', 'aria-hidden': 'true' }, STATUS[status].symbol),
    ' ',
    word,
  );
}

/** A labelled select of every level, grouped by track: one control picks both the track and the level. */
export function levelSelect(
  options: { id: string; name: string; label: string },
  tracks: readonly TrackSummary[],
  selected: string | null,
  /** Ids to offer besides the levels served now: levels of earlier versions ('track/L3@v1') in the URL. */
  others: readonly (string | null)[] = [],
): HTMLDivElement {
  const known = new Set(tracks.flatMap((t) => t.levels.map((l) => l.id)));
  const extra = [...new Set(others)].filter((id): id is string => !!id && id.includes('@') && !known.has(id));
  const select = h(
    'select',
    { id: options.id, name: options.name },
    extra.length > 0
      ? h(
          'optgroup',
          { label: 'Earlier versions' },
          extra.map((id) => h('option', { value: id, selected: id === selected }, id)),
        )
      : null,
    tracks.map((track) =>
      h(
        'optgroup',
        { label: track.name },
        track.levels.map((level) =>
          h('option', { value: level.id, selected: level.id === selected }, levelLabel(level)),
        ),
      ),
    ),
  );
  return h('div', { class: 'field' }, h('label', { for: options.id }, options.label), select);
}

/** A labelled select of tracks, optionally with an "all tracks" choice. */
export function trackSelect(
  options: { id: string; name: string; label: string; any?: string },
  tracks: readonly TrackSummary[],
  selected: string | null,
): HTMLDivElement {
  const select = h(
    'select',
    { id: options.id, name: options.name },
    options.any ? h('option', { value: '' }, options.any) : null,
    tracks.map((track) => h('option', { value: track.id, selected: track.id === selected }, track.name)),
  );
  return h('div', { class: 'field' }, h('label', { for: options.id }, options.label), select);
}

/** A GET form the router takes over, so submitting it is a shareable URL and works without script too. */
export function controls(action: string, label: string, ...children: Child[]): HTMLFormElement {
  return h('form', { class: 'controls', action, method: 'get', 'aria-label': label }, ...children);
}

/**
 * A clear message in an alert region (read out as soon as it appears), with links to the ids the user
 * probably meant.
 */
export function alertBox(
  title: string,
  body: Child,
  suggestions: readonly { href: string; text: string }[] = [],
): HTMLDivElement {
  return h(
    'div',
    { class: 'alert', role: 'alert' },
    h('p', { class: 'alert-title' }, decoration('⚠ '), title),
    body,
    suggestions.length > 0
      ? [
          h('p', null, 'Did you mean:'),
          h(
            'ul',
            { class: 'suggestions' },
            suggestions.map((s) => h('li', null, h('a', { href: s.href }, s.text))),
          ),
        ]
      : null,
  );
}

/** Any failure as an alert: the API's message, its code and the request id to quote in a report. */
export function errorAlert(error: unknown): HTMLDivElement {
  if (error instanceof ApiError) {
    return alertBox(
      'The explorer could not load this page.',
      h(
        'p',
        null,
        error.message,
        ' ',
        h(
          'span',
          { class: 'muted' },
          `(${error.code}${error.requestId ? `, request ${error.requestId}` : ''})`,
        ),
      ),
    );
  }
  return alertBox('Something went wrong in the explorer.', h('p', null, String(error)));
}
