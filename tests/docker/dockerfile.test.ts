import { base, dockerfile, instruction } from './dockerfile';

// What the Dockerfile says, read without building it (the build and run are image.system.test.ts).

describe('the Dockerfile', () => {
  it('is multi-stage on an exact Node 24 LTS release on Debian 13 slim, runs as node, exposes the port and checks health', () => {
    expect(base.tag).toMatch(/^node:24\.\d+\.\d+-trixie-slim$/);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS build$/m);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime$/m);
    expect(instruction('USER')).toBe('node');
    expect(instruction('EXPOSE')).toBe('4000');
    expect(instruction('RUN')).toContain('npm ci --omit=dev');
    expect(instruction('HEALTHCHECK')).toContain('/healthz');
    const cmd = JSON.parse(instruction('CMD')) as string[];
    expect([cmd[0], cmd.at(-1)]).toEqual(['node', 'dist/main.js']);
  });
});
