import { changesView } from './changes.view.js';
import { checklistView } from './checklist.view.js';
import { errorAlert, pageTitle } from './components.js';
import { diffView } from './diff.view.js';
import { append, h } from './dom.js';
import { postHeightToParent } from './embed-height.js';
import { request } from './graphql.client.js';
import { homeView } from './home.view.js';
import { levelView } from './level.view.js';
import { matrixView } from './matrix.view.js';
import { TRACKS, type TrackSummary, type TracksResult } from './queries.js';
import { isPagePath, type PagePath } from './routes.js';
import { searchView } from './search.view.js';
import type { Rendered, View, ViewContext } from './view.js';

const SITE = 'Career framework';

const VIEWS: Record<PagePath, View> = {
  '/': homeView,
  '/level': levelView,
  '/diff': diffView,
  '/search': searchView,
  '/matrix': matrixView,
  '/changes': changesView,
  '/checklist': checklistView,
  '/embed/matrix': matrixView,
  '/embed/level': levelView,
  '/embed/diff': diffView,
};

const main = document.getElementById('main');
let tracks: Promise<readonly TrackSummary[]> | null = null;
const ctx: ViewContext = {
  embed: document.body.classList.contains('embed'),
  tracks: () =>
    (tracks ??= request<TracksResult>(TRACKS).then(
      (r) => r.tracks,
      (error: unknown) => {
        tracks = null; // a failed load is tried again on the next navigation
        throw error;
      },
    )),
};

// a slow answer for a page the user already left must not replace the page they are on
let generation = 0;
// the URL of the page on screen, to tell a jump within it from a navigation to another page
let shown: URL | null = null;

/** The home page is the site itself; every other page is "<page> · <site>". */
function documentTitle(title: string): string {
  return title === SITE ? SITE : `${title} · ${SITE}`;
}

/**
 * The element a URL's fragment names, made focusable if it is not: moving focus there (not only the
 * scroll position) makes the next Tab go on from it, rather than from the top of the page.
 */
function fragmentTarget(url: URL): HTMLElement | null {
  const target = url.hash ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
  if (target && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  return target;
}

async function show(url: URL, how: 'initial' | 'navigation'): Promise<void> {
  if (!main) return;
  const mine = ++generation;
  main.setAttribute('aria-busy', 'true');
  let rendered: Rendered;
  try {
    const view = isPagePath(url.pathname) ? VIEWS[url.pathname] : null;
    rendered = view
      ? await view(url.searchParams, ctx)
      : {
          title: 'Not found',
          nodes: [pageTitle('Not found'), h('p', null, 'The explorer has no page here.')],
        };
  } catch (error) {
    const title = pageTitle('Something went wrong');
    rendered = { title: 'Error', nodes: [title, errorAlert(error)], focus: title };
  }
  if (mine !== generation) return;
  main.replaceChildren();
  append(main, rendered.nodes);
  main.removeAttribute('aria-busy');
  document.body.classList.toggle('wide', rendered.wide === true);
  document.title = documentTitle(rendered.title);
  shown = url;
  markCurrent(url.pathname);
  const target = fragmentTarget(url);
  if (how === 'navigation') {
    window.scrollTo(0, 0);
    // focus the new heading so keyboard and screen reader users start reading the new page there,
    // or the section the link pointed at
    (target ?? rendered.focus ?? main).focus({ preventScroll: true });
  } else target?.focus({ preventScroll: true });
  target?.scrollIntoView();
}

/** A fragment link or back/forward within the page on screen: the browser has scrolled; move focus. */
function jumpWithin(url: URL): void {
  fragmentTarget(url)?.focus({ preventScroll: true });
}

const samePage = (a: URL, b: URL | null): boolean =>
  b !== null && a.pathname === b.pathname && a.search === b.search;

function markCurrent(path: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
    if (new URL(a.href).pathname === path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function navigate(url: URL): void {
  const same = url.href === window.location.href;
  if (!same) window.history.pushState(null, '', url.pathname + url.search + url.hash);
  void show(url, 'navigation');
}

/** True when the router should handle the link; modified clicks, new tabs and downloads go to the browser. */
function routable(event: MouseEvent, anchor: HTMLAnchorElement): boolean {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return false;
  if (anchor.target || anchor.hasAttribute('download')) return false;
  const url = new URL(anchor.href);
  if (url.origin !== window.location.origin || !isPagePath(url.pathname)) return false;
  // a same-page anchor only scrolls, as the browser does it best
  return !(
    url.pathname === window.location.pathname &&
    url.search === window.location.search &&
    url.hash !== ''
  );
}

document.addEventListener('click', (event) => {
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(anchor instanceof HTMLAnchorElement) || !routable(event, anchor)) return;
  event.preventDefault();
  navigate(new URL(anchor.href));
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'get') return;
  const url = new URL(form.action);
  if (url.origin !== window.location.origin || !isPagePath(url.pathname)) return;
  event.preventDefault();
  // built by hand rather than with URLSearchParams so level ids keep a readable "/" (see routes.href)
  const query: string[] = [];
  for (const [key, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim() !== '')
      query.push(
        `${encodeURIComponent(key)}=${encodeURIComponent(value.trim()).replace(/%2F/gi, '/').replace(/%40/g, '@')}`,
      );
  }
  url.search = query.join('&');
  navigate(url);
});

// a fragment link on the page fires popstate too: re-rendering the page for it would move focus to
// the top, so only a change of page renders
window.addEventListener('popstate', () => {
  const url = new URL(window.location.href);
  if (samePage(url, shown)) jumpWithin(url);
  else void show(url, 'navigation');
});

if (ctx.embed) postHeightToParent();
void show(new URL(window.location.href), 'initial');
