import { pageTitle } from './components.js';
import { h } from './dom.js';
import { trackOverview } from './level.view.js';
import type { Rendered, ViewContext } from './view.js';

/** /: every track and its levels, with the ways into the diff, the matrix and the CSV export. */
export async function homeView(_params: URLSearchParams, ctx: ViewContext): Promise<Rendered> {
  const tracks = await ctx.tracks();
  const title = pageTitle('Career framework');
  return {
    title: 'Career framework',
    nodes: [
      title,
      h(
        'p',
        { class: 'lead' },
        'What is expected of engineers at each level of each track. Open a level, compare two levels to see what changes between them, or see a whole track as a matrix.',
      ),
      trackOverview(tracks),
    ],
    focus: title,
  };
}
