import type { CompetencyMatrix } from '../../src/domain/matrix';
import { csvField, matrixCsv, neutraliseFormula } from '../../src/server/explorer/csv';
import { STYLESHEETS } from '../../src/server/explorer/pages';
import { startTestServer, type TestServer } from '../support/server';
import { ensureExplorerBuilt } from './support/build';
import { graphql } from './support/graphql';

// The explorer's HTTP surface without a browser: the CSV export, the pages' headers and the assets.

let server: TestServer;

beforeAll(async () => {
  ensureExplorerBuilt();
  server = await startTestServer();
}, 120_000);

afterAll(() => server?.close());

/** An RFC 4180 reader, strict enough to fail on a badly quoted field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        if (![',', '\r', undefined].includes(text[i + 1]))
          throw new Error(`text after a closing quote at ${i}`);
      } else field += c;
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('the last record has no CRLF');
  return rows;
}

describe('GET /export/<track>.csv', () => {
  it("answers the track's competency matrix as an RFC 4180 attachment, one row per competency", async () => {
    const { track } = await graphql<{
      track: {
        competencyMatrix: {
          levels: { code: string; title: string }[];
          rows: {
            name: string;
            emoji: string | null;
            cells: ({ expectations: { text: string }[] } | null)[];
          }[];
        };
      };
    }>(
      server.url,
      `
        {
          track(id: "site-reliability-engineer") {
            competencyMatrix {
              levels {
                code
                title
              }
              rows {
                name
                emoji
                cells {
                  expectations {
                    text
                  }
                }
              }
            }
          }
        }
      `,
    );
    const { levels, rows } = track.competencyMatrix;
    const response = await fetch(`${server.address}/export/site-reliability-engineer.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="site-reliability-engineer.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    // a UTF-8 byte order mark, so spreadsheet apps read the emoji as UTF-8
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);

    const [header, ...records] = parseCsv(text);
    expect(header).toEqual(['competency', 'emoji', ...levels.map((l) => `${l.code}: ${l.title}`)]);
    expect(records).toHaveLength(rows.length);
    expect(records).toEqual(
      rows.map((r) => [
        r.name,
        r.emoji ?? '',
        ...r.cells.map((c) => (c ? c.expectations.map((e) => neutraliseFormula(e.text)).join('\n') : '')),
      ]),
    );
    // multi-line cells are quoted, and the quotes inside the content are doubled
    expect(text).toMatch(/,"I [^"]*\n/);
    const withQuotes = rows
      .flatMap((r) => r.cells)
      .flatMap((c) => c?.expectations ?? [])
      .filter((e) => e.text.includes('"'));
    for (const e of withQuotes) expect(text).toContain(e.text.replace(/"/g, '""'));
  });

  it('answers 404 with the JSON error body for an unknown track or a name without .csv', async () => {
    for (const path of ['/export/astronaut.csv', '/export/site-reliability-engineer', '/export/.csv']) {
      const response = await fetch(`${server.address}${path}`);
      expect(response.status).toBe(404);
      const body = (await response.json()) as {
        errors: { extensions: { code: string; requestId: string } }[];
      };
      expect(body.errors[0]!.extensions).toEqual({ code: 'NOT_FOUND', requestId: expect.any(String) });
    }
  });

  it('revalidates with the content version as the ETag', async () => {
    const first = await fetch(`${server.address}/export/software-engineer.csv`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${server.address}/export/software-engineer.csv`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });
});

describe('CSV cells', () => {
  it('quote commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
  });

  it('cannot start a spreadsheet formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${start}HYPERLINK("http://evil.example")`)).toBe(
        `'${start}HYPERLINK("http://evil.example")`,
      );
    }
    expect(neutraliseFormula('I ship = value')).toBe('I ship = value');
    const matrix = {
      levels: [{ code: 'L1', title: 'Engineer' }],
      rows: [
        {
          slug: 's',
          name: '@name',
          emoji: '=',
          cells: [{ expectations: [{ text: '-1+2' }, { text: 'ok' }] }],
        },
      ],
    };
    expect(parseCsv(matrixCsv(matrix as unknown as CompetencyMatrix).slice(1))).toEqual([
      ['competency', 'emoji', 'L1: Engineer'],
      ["'@name", "'=", "'-1+2\nok"],
    ]);
  });
});

describe('the explorer pages', () => {
  const POLICY =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

  it('serve the same HTML shell at every explorer URL, with a strict CSP and no caching', async () => {
    for (const path of [
      '/',
      '/level?id=x',
      '/diff?from=a&to=b',
      '/search?q=x',
      '/matrix',
      '/embed/matrix',
      '/embed/level',
    ]) {
      const response = await fetch(`${server.address}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe(POLICY);
      const html = await response.text();
      // nothing inline: the policy forbids it
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
      expect(html.includes('class="embed"')).toBe(path.startsWith('/embed/'));
    }
  });

  it('serve the assets named by the shell, cacheable by their hashed prefix, and 404 for anything else', async () => {
    const html = await (await fetch(`${server.address}/`)).text();
    const urls = [...html.matchAll(/(?:src|href)="(\/assets\/[0-9a-f]{12}\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/main\.js$/),
        ...STYLESHEETS.map((s) => expect.stringContaining(`/${s.file}`)),
      ]),
    );
    for (const url of new Set(urls)) {
      const response = await fetch(`${server.address}${url}`);
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      expect(response.headers.get('content-type')).toMatch(/^(text\/javascript|text\/css|image\/svg\+xml)/);
      expect(response.headers.get('etag')).toMatch(/^".+"$/);
      const again = await fetch(`${server.address}${url}`, {
        headers: { 'if-none-match': response.headers.get('etag')! },
      });
      expect(again.status).toBe(304);
    }
    const base = urls[0]!.split('/').slice(0, 3).join('/');
    for (const path of [`${base}/nope.js`, '/assets/000000000000/main.js', `${base}/../package.json`]) {
      const response = await fetch(`${server.address}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});
