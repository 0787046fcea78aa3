import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { BUNDLED_CONTENT } from '../support/bundled';
import * as fs from 'node:fs';
import * as git from 'isomorphic-git';
import { buildHistory, levelFile, type History } from '../support/git-content';
import { startTestServer, type TestServer } from '../support/server';

const published = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures/case/case-v1p1-cfpackage-schema.json'), 'utf8'),
);
// the published file names its dialect http://json-schema.org/draft/2020-12/schema, which is draft
// 2020-12 under the scheme it was first published with; Ajv knows it by its https id
const schema = { ...published, $schema: 'https://json-schema.org/draft/2020-12/schema' };
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validatePackage = ajv.compile(schema);

const getJson = async (server: TestServer, url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.address}/ims/case/v1p1${url}`, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

describe('CASE 1.1 on the bundled content', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ CONTENT_DIR: BUNDLED_CONTENT });
  });
  afterAll(() => server.close());

  const sreDocument = async () => {
    const { body } = await getJson(server, '/CFDocuments');
    return body.CFDocuments.find((d: any) => d.title === 'Site Reliability Engineer');
  };

  it('lists one CFDocument per track, paged by limit and offset, with the total in X-Total-Count', async () => {
    const all = await getJson(server, '/CFDocuments');
    expect(all.status).toBe(200);
    expect(all.headers.get('x-total-count')).toBe('2');
    expect(all.body.CFDocuments.map((d: any) => d.title)).toEqual([
      'Site Reliability Engineer',
      'Software Engineer',
    ]);
    for (const doc of all.body.CFDocuments) {
      expect(doc.identifier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(doc.uri).toBe(`${server.address}/ims/case/v1p1/CFDocuments/${doc.identifier}`);
      expect(doc.caseVersion).toBe('1.1');
      expect(Number.isNaN(Date.parse(doc.lastChangeDateTime))).toBe(false);
      expect(doc.version).toBeTruthy();
    }
    const second = await getJson(server, '/CFDocuments?limit=1&offset=1');
    expect(second.body.CFDocuments.map((d: any) => d.title)).toEqual(['Software Engineer']);
    const desc = await getJson(server, '/CFDocuments?sort=title&orderBy=desc');
    expect(desc.body.CFDocuments[0].title).toBe('Software Engineer');
    const one = await getJson(server, `/CFDocuments/${second.body.CFDocuments[0].identifier}`);
    expect(one.body.title).toBe('Software Engineer');
  });

  it('serves a package that the CASE 1.1 JSON schema accepts', async () => {
    const { body } = await getJson(server, `/CFPackages/${(await sreDocument()).identifier}`);
    const valid = validatePackage(body);
    expect(validatePackage.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('holds levels, competencies and expectations joined by isChildOf, levels ordered by precedes', async () => {
    const doc = await sreDocument();
    const { body } = await getJson(server, `/CFPackages/${doc.identifier}`);
    const byId = new Map(body.CFItems.map((i: any) => [i.identifier, i]));
    const levels = body.CFItems.filter((i: any) => i.CFItemType === 'Level');
    expect(levels.map((l: any) => l.humanCodingScheme)).toEqual([
      'SRE.L1',
      'SRE.L2',
      'SRE.L3',
      'SRE.L4',
      'SRE.L5',
    ]);
    const l3 = readFileSync(path.join(BUNDLED_CONTENT, 'site-reliability-engineer/L3.md'), 'utf8');
    const second = /## 🦉 Domain expertise\n\n(?:.*\n)*?- (.+)\n- (.+)\n/.exec(l3)!;
    const de2 = body.CFItems.find((i: any) => i.humanCodingScheme === 'SRE.L3.DE.2');
    expect(de2.CFItemType).toBe('Expectation');
    expect(second[2]).toContain(de2.fullStatement.slice(0, 20));
    const parent = (id: string) =>
      body.CFAssociations.find(
        (a: any) => a.associationType === 'isChildOf' && a.originNodeURI.identifier === id,
      )?.destinationNodeURI.identifier;
    // every item has a parent, and following parents always ends at the document
    for (const item of body.CFItems) {
      let at: string | undefined = item.identifier;
      for (let hops = 0; at !== doc.identifier && hops < 4; hops++) at = parent(at!);
      expect(at).toBe(doc.identifier);
      expect(byId.has(item.identifier)).toBe(true);
    }
    const precedes = body.CFAssociations.filter((a: any) => a.associationType === 'precedes').map((a: any) =>
      [byId.get(a.originNodeURI.identifier), byId.get(a.destinationNodeURI.identifier)].map(
        (i: any) => i.humanCodingScheme,
      ),
    );
    expect(precedes).toEqual([
      ['SRE.L1', 'SRE.L2'],
      ['SRE.L2', 'SRE.L3'],
      ['SRE.L3', 'SRE.L4'],
      ['SRE.L4', 'SRE.L5'],
    ]);
    const replaced = body.CFAssociations.filter((a: any) => a.associationType === 'replacedBy');
    expect(replaced.length).toBeGreaterThan(0);
    for (const a of replaced) {
      const [from, to] = [a.originNodeURI, a.destinationNodeURI].map(
        (n: any) => byId.get(n.identifier) as any,
      );
      expect([from.CFItemType, to.CFItemType]).toEqual(['Expectation', 'Expectation']);
      expect(from.humanCodingScheme < to.humanCodingScheme).toBe(true);
    }
    const rubric = body.CFRubrics[0];
    const competencies = new Set(
      body.CFItems.filter((i: any) => i.CFItemType === 'Competency').map((i: any) => i.fullStatement),
    );
    expect(rubric.CFRubricCriteria.map((c: any) => c.category).sort()).toEqual([...competencies].sort());
    for (const criterion of rubric.CFRubricCriteria)
      expect(criterion.CFRubricCriterionLevels.map((l: any) => l.quality.split(':')[0])).toEqual([
        'L1',
        'L2',
        'L3',
        'L4',
        'L5',
      ]);
  });

  it('serves each item by its identifier with the document it belongs to', async () => {
    const doc = await sreDocument();
    const { body } = await getJson(server, `/CFPackages/${doc.identifier}`);
    const item = body.CFItems.find((i: any) => i.humanCodingScheme === 'SRE.L3.DE.2');
    const alone = await getJson(server, `/CFItems/${item.identifier}`);
    expect(alone.status).toBe(200);
    expect(alone.body.fullStatement).toBe(item.fullStatement);
    expect(alone.body.CFDocumentURI.identifier).toBe(doc.identifier);
  });

  it('keeps every identifier across a restart, so a re-import updates rather than duplicates', async () => {
    const doc = await sreDocument();
    const before = (await getJson(server, `/CFPackages/${doc.identifier}`)).body;
    const other = await startTestServer({ CONTENT_DIR: BUNDLED_CONTENT });
    try {
      const after = await getJson(other, `/CFPackages/${doc.identifier}`);
      expect(after.body.CFItems.map((i: any) => i.identifier)).toEqual(
        before.CFItems.map((i: any) => i.identifier),
      );
      expect(after.body.CFAssociations.map((a: any) => a.identifier)).toEqual(
        before.CFAssociations.map((a: any) => a.identifier),
      );
    } finally {
      await other.close();
    }
  });

  it("answers what it cannot serve in the binding's imsx_StatusInfo shape", async () => {
    const minor = (body: any) => body.imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue;
    const unknown = await getJson(server, '/CFPackages/00000000-0000-5000-8000-000000000000');
    expect([unknown.status, unknown.body.imsx_codeMajor, minor(unknown.body)]).toEqual([
      404,
      'failure',
      'unknownobject',
    ]);
    const notUuid = await getJson(server, '/CFItems/site-reliability-engineer');
    expect([notUuid.status, minor(notUuid.body)]).toEqual([404, 'invalid_uuid']);
    expect(minor((await getJson(server, '/CFDocuments?limit=0')).body)).toBe('invalid_selection_field');
    expect(minor((await getJson(server, '/CFDocuments?sort=creator')).body)).toBe('invalid_sort_field');
    expect((await getJson(server, '/CFDocuments?filter=title%3DX')).status).toBe(400);
    const noEndpoint = await getJson(server, '/CFAssociationGroupings/x');
    expect([noEndpoint.status, minor(noEndpoint.body)]).toEqual([404, 'unknownobject']);
  });

  it('answers a conditional GET with 304', async () => {
    const first = await fetch(`${server.address}/ims/case/v1p1/CFDocuments`);
    await first.arrayBuffer();
    const again = await fetch(`${server.address}/ims/case/v1p1/CFDocuments`, {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });
});

describe('CASE and drafts', () => {
  const TOKEN = 'a-static-token-that-grants-drafts';
  let dir: string;
  let server: TestServer;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cfa-case-'));
    const files: Record<string, string> = {
      'demo/track.md': '---\nname: Demo\n---\n',
      'demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.']),
      'demo/L2.md': levelFile('L2', 2, 'Secret Demo', ['I plan the secret thing.'], 'draft'),
      'skunkworks/track.md': '---\nname: Skunkworks\n---\n',
      'skunkworks/L1.md': levelFile('L1', 1, 'Skunk', ['I build what is not announced yet.'], 'draft'),
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    server = await startTestServer({
      CONTENT_DIR: dir,
      CONTENT_WATCH: 'false',
      AUTH_TOKEN_SHA256: createHash('sha256').update(TOKEN).digest('hex'),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a track of drafts alone and draft levels only with the drafts permission', async () => {
    const anonymous = await getJson(server, '/CFDocuments');
    expect(anonymous.body.CFDocuments.map((d: any) => d.title)).toEqual(['Demo']);
    const pkg = await getJson(server, `/CFPackages/${anonymous.body.CFDocuments[0].identifier}`);
    expect(JSON.stringify(pkg.body)).not.toMatch(/secret|skunk/i);
    const bearer = { authorization: `Bearer ${TOKEN}` };
    const holder = await getJson(server, '/CFDocuments', bearer);
    expect(holder.body.CFDocuments.map((d: any) => d.title)).toEqual(['Demo', 'Skunkworks']);
    expect(holder.headers.get('etag')).not.toBe(anonymous.headers.get('etag'));
    const skunk = holder.body.CFDocuments[1].identifier;
    expect((await getJson(server, `/CFPackages/${skunk}`)).status).toBe(404);
    const full = await getJson(server, `/CFPackages/${anonymous.body.CFDocuments[0].identifier}`, bearer);
    expect(JSON.stringify(full.body)).toContain('Secret Demo');
    expect(validatePackage(full.body)).toBe(true);
  });

  it("refuses a bad token in the binding's shape, as 401 with its minor code", async () => {
    const refused = await getJson(server, '/CFDocuments', { authorization: 'Bearer wrong' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(refused.body.imsx_codeMajor).toBe('failure');
    expect(refused.body.imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe(
      'unauthorisedrequest',
    );
  });
});

describe('CASE from a git history', () => {
  let history: History;
  let server: TestServer;
  beforeAll(async () => {
    history = await buildHistory();
    server = await startTestServer({ CONTENT_DIR: history.contentDir, CONTENT_WATCH: 'false' });
  });
  afterAll(async () => {
    await server.close();
    history.remove();
  });

  it('states the served commit and its tags, and a tag added to that commit is a new version', async () => {
    const first = await getJson(server, '/CFDocuments');
    const short = history.commits.fixed.slice(0, 7);
    expect(first.body.CFDocuments.map((d: any) => d.version)).toContain(short);
    await git.tag({ fs, dir: history.repo, ref: 'v3', object: history.commits.fixed });
    // a tag changes no content file: the next reload (SIGHUP, or a content edit) reads the refs again
    await server.store.reload('test');
    const again = await getJson(server, '/CFDocuments', { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(200);
    expect(again.body.CFDocuments.map((d: any) => d.version)).toContain(`${short} v3`);
    const pkg = await getJson(server, `/CFPackages/${again.body.CFDocuments[0].identifier}`);
    expect(pkg.body.CFDocument.version).toBe(`${short} v3`);
  });
});
