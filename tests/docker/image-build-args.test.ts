import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../support/child';
import { budArguments } from './image-build';

// The image build runs beside other npm processes (the CI's own `npm ci`, another test run): a
// cache they write must never be inside the build, or the runtime stage's `npm cache clean` fails.

const userCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();

function volumes(args: readonly string[]): string[] {
  return args.flatMap((arg, i) => (args[i - 1] === '--volume' ? [arg] : []));
}

describe('the image build command', () => {
  it("mounts no npm cache into the build, neither the user's live one nor any at /root/.npm", () => {
    const mounted = volumes(budArguments(ROOT, 'localhost/cfa:test', '/tmp/cfa-build-npm-x'));
    expect(mounted.filter((v) => v.split(':')[1] === '/root/.npm')).toEqual([]);
    expect(mounted.filter((v) => path.resolve(v.split(':')[0]!) === path.resolve(userCache))).toEqual([]);
  });

  it('mounts only the build-time npm config, read-only', () => {
    expect(volumes(budArguments(ROOT, 'localhost/cfa:test', '/tmp/cfa-build-npm-x'))).toEqual([
      '/tmp/cfa-build-npm-x:/usr/local/etc:ro',
    ]);
  });
});
