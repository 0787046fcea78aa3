import { buildTestApp, postQuery, useHistoryApp } from '../support/app';

const subject = useHistoryApp();
const query = (source: string) => postQuery(subject.app, source);

describe('Level.lastChange', () => {
  it('names the version that last changed a level, the one before it and the level as it was', async () => {
    const { data, errors } = await query(`{
      changed: level(id: "demo/L2") { lastChange { version { tags } since { tags } from { id title } } }
      added: level(id: "platform/L1") { lastChange { version { tags } since { tags } from { id } } }
      never: level(id: "demo/L1") { lastChange { version { id } } }
    }`);
    expect(errors).toBeUndefined();
    // the broken version after v2 is stepped over, and the later commits left L2 as v2 made it
    expect(data.changed.lastChange).toEqual({
      version: { tags: ['v2'] },
      since: { tags: ['v1'] },
      from: { id: 'demo/L2@v1', title: 'Demo' },
    });
    expect(data.added.lastChange).toEqual({ version: { tags: ['v2'] }, since: { tags: ['v1'] }, from: null });
    expect(data.never.lastChange).toBeNull();
    // a walk from another version is one more walk: asked alone, it fits in what one request may load
    const old = await query('{ old: level(id: "demo/L2@v1") { lastChange { version { id } } } }');
    expect(old.errors).toBeUndefined();
    expect(old.data.old.lastChange).toBeNull();
  });

  it('is null without history', async () => {
    const plain = await buildTestApp({ HISTORY: 'false' });
    try {
      const response = await plain.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query: '{ level(id: "site-reliability-engineer/L3") { lastChange { since { id } } } }' },
      });
      expect(response.json()).toEqual({ data: { level: { lastChange: null } } });
    } finally {
      await plain.close();
    }
  });
});
