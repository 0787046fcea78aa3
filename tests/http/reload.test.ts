import { post, startTestServer, type TestServer } from '../support/server';
import { eventually } from '../support/poll';
import { TempContent } from '../support/temp-content';

const L1 = 'software-engineer/L1.md';
const titleQuery = { query: '{ framework { version } level(id: "software-engineer/L1") { title } }' };

async function served(server: TestServer): Promise<{ version: string; title: string }> {
  const { json } = await post(server.url, titleQuery);
  return { version: json.data.framework.version, title: json.data.level.title };
}

async function metric(server: TestServer, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${server.address}/metrics`)).text();
  return Number(pattern.exec(text)?.[1] ?? NaN);
}

describe('CONTENT_WATCH=true', () => {
  const content = new TempContent();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ CONTENT_DIR: content.dir, CONTENT_WATCH: 'true' });
  });
  afterAll(async () => {
    await server.close();
    content.remove();
  });

  it('serves an edit without a restart, with a new version and an emptied cache', async () => {
    const before = await served(server);
    await served(server); // now cached
    content.write(L1, content.read(L1).replace(/^# L1: .*$/m, '# L1: Apprentice Software Engineer'));
    const after = await eventually(async () => {
      const now = await served(server);
      expect(now.title).toBe('Apprentice Software Engineer');
      return now;
    });
    expect(after.version).not.toBe(before.version);
    expect(await metric(server, /content_reloads_total\{result="success"\} (\d+)/)).toBeGreaterThanOrEqual(1);
  });

  it('keeps serving the last good content when an edit breaks a file, and stays ready', async () => {
    const good = await served(server);
    const failuresBefore = await metric(server, /content_reloads_total\{result="failure"\} (\d+)/);
    content.write(L1, '---js\nprocess.exit(3)\n---\n# L1: Broken');
    await eventually(async () =>
      expect(await metric(server, /content_reloads_total\{result="failure"\} (\d+)/)).toBeGreaterThan(
        failuresBefore,
      ),
    );
    expect(await served(server)).toEqual(good);
    const ready = await fetch(`${server.address}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).contentVersion).toBe(good.version);
  });
});

describe('atomic swap', () => {
  it('never answers with one version’s data under another version’s number', async () => {
    const content = new TempContent();
    const server = await startTestServer({ CONTENT_DIR: content.dir });
    try {
      const original = content.read(L1);
      const titleOf = new Map<string, string>();
      const record = async () => {
        titleOf.set(
          server.store.unfiltered.version,
          server.store.unfiltered.level('software-engineer/L1')!.title,
        );
      };
      await record();
      const answers: { version: string; title: string }[] = [];
      for (let round = 0; round < 6; round++) {
        content.write(L1, original.replace(/^# L1: .*$/m, `# L1: Title ${round}`));
        // unique variables so the cache cannot answer; requests race the reload
        const racing = Array.from({ length: 20 }, (_, i) =>
          post(server.url, { ...titleQuery, variables: { nonce: `${round}-${i}` } }).then(({ json }) =>
            answers.push({ version: json.data.framework.version, title: json.data.level.title }),
          ),
        );
        await Promise.all([server.store.reload('test').then(record), ...racing]);
      }
      expect(answers.length).toBe(120);
      for (const answer of answers) expect(answer.title).toBe(titleOf.get(answer.version));
    } finally {
      await server.close();
      content.remove();
    }
  });
});
