import type { ExplorerAssets } from './assets';

/** Which page the shell is for: the explorer with its navigation, or a chrome-less embed. */
export type ShellKind = 'page' | 'embed';

/**
 * The HTML every explorer URL answers with; the modules render the page from the URL. It holds no
 * content and no inline script or style, so the Content-Security-Policy can forbid both.
 */
export function renderShell(assets: ExplorerAssets, kind: ShellKind): string {
  const asset = (file: string): string => `${assets.base}/${file}`;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    kind === 'embed' ? '<meta name="robots" content="noindex">' : '',
    '<title>Career framework</title>',
    `<link rel="icon" href="${asset('favicon.svg')}" type="image/svg+xml">`,
    `<link rel="stylesheet" href="${asset('explorer.css')}">`,
    ...assets.modules.map((m) => `<link rel="modulepreload" href="${asset(m)}">`),
    `<script type="module" src="${asset('main.js')}"></script>`,
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
