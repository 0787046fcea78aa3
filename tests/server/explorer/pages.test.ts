import fs from 'node:fs';
import path from 'node:path';
import type { ExplorerAssets } from '../../../src/server/explorer/assets';
import { EMBED_ORIGINS_META, renderShell, STYLESHEETS } from '../../../src/server/explorer/pages';

// The HTML shell: which stylesheets it links, in which order, and what an embed is told about the
// origins that may frame it.

const assets: ExplorerAssets = { base: '/assets/0123456789ab', files: new Map() };

const metaContent = (html: string): string | null =>
  new RegExp(`<meta name="${EMBED_ORIGINS_META}" content="([^"]*)">`).exec(html)?.[1] ?? null;

it('links every stylesheet in public/styles, each once, in the listed (cascade) order', () => {
  const dir = path.join(__dirname, '..', '..', '..', 'src', 'explorer', 'public', 'styles');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.css'));
  expect(STYLESHEETS.map((s) => s.file).sort()).toEqual(files.map((f) => `styles/${f}`).sort());

  const html = renderShell(assets, 'page');
  const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"( media="print")?>/g)];
  expect(links.map((m) => m[1])).toEqual(STYLESHEETS.map((s) => `${assets.base}/${s.file}`));
  // base first; print only for print, so it never blocks the screen
  expect(links[0]![1]).toMatch(/\/styles\/base\.css$/);
  expect(links.filter((m) => m[2]).map((m) => m[1])).toEqual([`${assets.base}/styles/print.css`]);
});

it('tells an embed the configured origins, escaped, and the explorer pages nothing', () => {
  const origins = ['https://dash.example.com', 'http://127.0.0.1:8080'];
  const embed = renderShell(assets, 'embed', { frameAncestors: ["'self'", ...origins] });
  expect(metaContent(embed)).toBe(origins.join(' '));
  expect(metaContent(renderShell(assets, 'embed'))).toBe('');
  expect(metaContent(renderShell(assets, 'page', { frameAncestors: origins }))).toBeNull();

  const hostile = renderShell(assets, 'embed', { frameAncestors: ['https://a.example"><script>x</script>'] });
  expect(hostile).not.toContain('<script>x');
  expect(metaContent(hostile)).toBe('https://a.example&quot;&gt;&lt;script&gt;x&lt;/script&gt;');
});
