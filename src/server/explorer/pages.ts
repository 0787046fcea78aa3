import { ENTRY_MODULE, type ExplorerAssets } from './assets';

/** Which page the shell is for: the explorer with its navigation, or a chrome-less embed. */
export type ShellKind = 'page' | 'embed';

/**
 * The stylesheets under public/styles/, one per concern, in cascade order: each builds on the ones
 * before it. A file in that folder that is not listed here is never linked (a test checks both ways).
 */
export const STYLESHEETS: readonly { readonly file: string; readonly media?: string }[] = [
  { file: 'styles/base.css' },
  { file: 'styles/layout.css' },
  { file: 'styles/components.css' },
  { file: 'styles/level.css' },
  { file: 'styles/diff.css' },
  { file: 'styles/search.css' },
  { file: 'styles/matrix.css' },
  { file: 'styles/embed.css' },
  // not render-blocking on screen
  { file: 'styles/print.css', media: 'print' },
];

/**
 * The meta element that tells an embed which origins may frame it (FRAME_ANCESTORS, besides its own),
 * so it posts its height to its parent only when the parent is one of them.
 */
export const EMBED_ORIGINS_META = 'embed-parent-origins';

/** Options of {@link renderShell}. */
export interface ShellOptions {
  /** FRAME_ANCESTORS as configured: the origins, besides the server's own, that may frame an embed. */
  readonly frameAncestors?: readonly string[];
}

/**
 * The HTML every explorer URL answers with; the bundle renders the page from the URL. It holds no
 * content and no inline script or style, so the Content-Security-Policy can forbid both.
 */
export function renderShell(assets: ExplorerAssets, kind: ShellKind, options: ShellOptions = {}): string {
  const asset = (file: string): string => `${assets.base}/${file}`;
  const origins = (options.frameAncestors ?? []).filter((o) => o !== "'self'");
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    kind === 'embed' ? '<meta name="robots" content="noindex">' : '',
    kind === 'embed'
      ? `<meta name="${EMBED_ORIGINS_META}" content="${escapeAttribute(origins.join(' '))}">`
      : '',
    '<title>Career framework</title>',
    `<link rel="icon" href="${asset('favicon.svg')}" type="image/svg+xml">`,
    ...STYLESHEETS.map(
      (s) => `<link rel="stylesheet" href="${asset(s.file)}"${s.media ? ` media="${s.media}"` : ''}>`,
    ),
    // one bundle, so nothing to preload: it imports no other module
    `<script type="module" src="${asset(ENTRY_MODULE)}"></script>`,
  ].filter(Boolean);
  const noscript =
    '<noscript><p>The explorer needs JavaScript. The same data is available from the GraphQL API at ' +
    '<a href="/graphql">/graphql</a> and as CSV from <code>/export/&lt;track&gt;.csv</code>.</p></noscript>';
  const loading = `<p class="loading">Loading…</p>${noscript}`;
  const body =
    kind === 'embed'
      ? `<body class="embed">\n<main id="main" tabindex="-1">${loading}</main>\n</body>`
      : [
          '<body>',
          '<a class="skip-link" href="#main">Skip to content</a>',
          '<header class="site-header"><div class="site-header-inner">',
          `<a class="brand" href="/"><img src="${asset('favicon.svg')}" alt="">Career framework</a>`,
          '<nav class="site-nav" aria-label="Main"><ul>',
          '<li><a href="/">Tracks</a></li>',
          '<li><a href="/level">Levels</a></li>',
          '<li><a href="/diff">Compare</a></li>',
          '<li><a href="/matrix">Matrix</a></li>',
          '<li><a href="/changes">What changed</a></li>',
          '</ul></nav>',
          '<form class="site-search" role="search" action="/search" method="get">',
          '<label class="vh" for="site-search-q">Search the framework</label>',
          '<input id="site-search-q" type="search" name="q" placeholder="Search the framework" maxlength="200" required>',
          '<button type="submit">Search</button>',
          '</form>',
          '</div></header>',
          `<main id="main" tabindex="-1">${loading}</main>`,
          '<footer class="site-footer">Served from the career framework API: every page here uses the public ' +
            '<a href="/graphql">GraphQL API</a>.</footer>',
          '</body>',
        ].join('\n');
  return `<!doctype html>\n<html lang="en">\n<head>\n${head.join('\n')}\n</head>\n${body}\n</html>\n`;
}

/** Escapes a value for a double-quoted attribute: the origins come from configuration, not from code. */
function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
