import { NODE_END_OF_LIFE, nodeSupport, warnIfNodeEndOfLife } from '../../src/server/node-support';

function fakeLog(): { warn: jest.Mock } {
  return { warn: jest.fn() };
}

describe('the Node end-of-life check at start-up', () => {
  it('warns on a Node line past its end of life, naming the version and the date', () => {
    const log = fakeLog();
    const support = warnIfNodeEndOfLife(log, 'v20.20.2', new Date('2026-11-30T12:00:00Z'));
    expect(support).toEqual({
      version: 'v20.20.2',
      major: 20,
      endOfLife: '2026-04-30',
      status: 'end-of-life',
    });
    expect(log.warn).toHaveBeenCalledTimes(1);
    const [fields, message] = log.warn.mock.calls[0]!;
    expect(fields).toEqual({ nodeVersion: 'v20.20.2', endOfLife: '2026-04-30' });
    expect(message).toContain('v20.20.2 reached end of life on 2026-04-30');
  });

  it('stays quiet on a supported line, up to and including its last day', () => {
    const log = fakeLog();
    expect(warnIfNodeEndOfLife(log, 'v24.22.3', new Date('2026-11-30T12:00:00Z')).status).toBe('supported');
    expect(warnIfNodeEndOfLife(log, 'v20.20.2', new Date('2026-04-30T23:59:59Z')).status).toBe('supported');
    expect(log.warn).not.toHaveBeenCalled();
    expect(nodeSupport('v20.20.2', new Date('2026-05-01T00:00:00Z')).status).toBe('end-of-life');
  });

  it('treats odd lines by their own short schedule', () => {
    expect(nodeSupport('v25.9.0', new Date('2026-11-30T00:00:00Z')).status).toBe('end-of-life');
    expect(nodeSupport('v26.10.0', new Date('2026-11-30T00:00:00Z')).status).toBe('supported');
  });

  it('warns on lines older than the table, and not on lines newer than it', () => {
    const log = fakeLog();
    expect(warnIfNodeEndOfLife(log, 'v16.20.2', new Date('2026-11-30T00:00:00Z')).status).toBe('end-of-life');
    expect(log.warn.mock.calls[0]![1]).toMatch(/^Node v16\.20\.2 reached end of life and/);
    expect(nodeSupport('v99.0.0', new Date('2026-11-30T00:00:00Z'))).toMatchObject({
      endOfLife: null,
      status: 'unscheduled',
    });
    expect(nodeSupport('27.0.0', new Date('2026-11-30T00:00:00Z')).major).toBe(27);
  });

  it('checks the running Node by default', () => {
    const support = warnIfNodeEndOfLife(fakeLog());
    expect(support.version).toBe(process.version);
    expect(support.major).toBe(Number(process.versions.node.split('.')[0]));
  });

  it('lists dates in order of the lines, with even lines outliving the odd one after them', () => {
    const majors = Object.keys(NODE_END_OF_LIFE).map(Number);
    for (const major of majors.filter((m) => m % 2 === 0 && NODE_END_OF_LIFE[m + 1])) {
      expect(NODE_END_OF_LIFE[major]! > NODE_END_OF_LIFE[major + 1]!).toBe(true);
      expect(NODE_END_OF_LIFE[major]! < (NODE_END_OF_LIFE[major + 2] ?? '9999')).toBe(true);
    }
    for (const date of Object.values(NODE_END_OF_LIFE)) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
