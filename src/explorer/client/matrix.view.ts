import { alertBox, controls, countOf, emoji, link, pageTitle, trackSelect } from './components.js';
import { h, srOnly } from './dom.js';
import { fold } from './fold.js';
import { request } from './graphql.client.js';
import { MATRIX, type LevelRef, type MatrixResult, type MatrixRow, type TrackMatrix } from './queries.js';
import { csvHref, levelHref, matrixHref } from './routes.js';
import { closestIds } from '../../domain/closest-ids.js';
import { scrollingTable } from './table-scroll.js';
import type { Rendered, ViewContext } from './view.js';

/** /matrix?track=… (and /embed/matrix): competencies as rows, levels as columns. */
export async function matrixView(params: URLSearchParams, ctx: ViewContext): Promise<Rendered> {
  const tracks = await ctx.tracks();
  const wanted = params.get('track') ?? tracks[0]?.id ?? '';
  const picker = ctx.embed
    ? null
    : controls(
        '/matrix',
        'Choose a track',
        trackSelect({ id: 'matrix-track', name: 'track', label: 'Track' }, tracks, wanted),
        h('button', { type: 'submit' }, 'Show matrix'),
      );
  const { track } = await request<MatrixResult>(MATRIX, { track: wanted });
  if (!track) {
    const title = pageTitle('Track not found');
    const alert = alertBox(
      `There is no track with the id “${wanted}”.`,
      h('p', null, `The tracks are: ${tracks.map((t) => t.id).join(', ')}.`),
      closestIds(
        tracks.map((t) => t.id),
        wanted,
      ).map((id) => ({ href: matrixHref(id), text: id })),
    );
    return { title: 'Track not found', nodes: [picker, title, alert], focus: title };
  }
  const title = pageTitle(track.name, h('span', { class: 'title-suffix' }, ': competency matrix'));
  const nodes = [
    picker,
    title,
    ctx.embed
      ? null
      : h(
          'p',
          { class: 'actions' },
          h('a', { href: csvHref(track.id), download: `${track.id}.csv` }, 'Download as CSV'),
        ),
    matrixTable(track, ctx),
    ctx.embed
      ? h(
          'p',
          { class: 'embed-footer' },
          link(ctx, matrixHref(track.id), 'Open in the career framework explorer'),
        )
      : null,
  ];
  return { title: `${track.name} · Matrix`, nodes, focus: title, wide: true };
}

function matrixTable(track: TrackMatrix, ctx: ViewContext): HTMLElement {
  const { levels, rows } = track.competencyMatrix;
  const table = h(
    'table',
    { class: 'matrix' },
    // the h1 says it for sighted readers; the caption names the table and its scrolling region
    h(
      'caption',
      { id: 'matrix-caption', class: 'vh' },
      `Expectations of each competency on the ${track.name} track, by level`,
    ),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Competency'),
        levels.map((level) =>
          h(
            'th',
            { scope: 'col' },
            link(ctx, levelHref(level.id), h('span', { class: 'level-code' }, level.code)),
            h('span', { class: 'level-title' }, level.title),
          ),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((row) => matrixRow(row, levels, ctx)),
    ),
  );
  return scrollingTable(
    table,
    'matrix-caption',
    `Scroll the table sideways to see all ${countOf(levels.length, 'level')}.`,
  );
}

function matrixRow(row: MatrixRow, levels: readonly LevelRef[], ctx: ViewContext): HTMLTableRowElement {
  return h(
    'tr',
    null,
    h('th', { scope: 'row' }, emoji(row.emoji), row.name),
    row.cells.map((cell, i) => {
      if (!cell)
        return h(
          'td',
          { class: 'empty' },
          h('span', { 'aria-hidden': 'true' }, '—'),
          srOnly('Not part of this level'),
        );
      const examples = countOf(cell.examples.length, 'example');
      return h(
        'td',
        null,
        h(
          'ul',
          { class: 'cell-items' },
          cell.expectations.map((e) => h('li', null, e.text)),
        ),
        ctx.embed || cell.examples.length === 0
          ? null
          : fold(
              {
                show: `Show ${examples}`,
                hide: `Hide ${examples}`,
                context: `of ${row.name} at ${levels[i]?.code ?? 'this level'}`,
              },
              h(
                'ul',
                { class: 'cell-items' },
                cell.examples.map((x) => h('li', null, x.text)),
              ),
              'fold--examples',
            ),
      );
    }),
  );
}
