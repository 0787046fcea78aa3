import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/child';
import { baseFromDockerfile } from './stand-in-base';

/** The repository's Dockerfile, as the image build reads it. */
export const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
/** The base image it names. */
export const base = baseFromDockerfile(dockerfile);
const runtimeStage = dockerfile.slice(dockerfile.indexOf('AS runtime'));

/** An instruction of the runtime stage, continuation lines joined. */
export function instruction(name: string): string {
  const match = new RegExp(`^${name} ((?:.*\\\\\\n)*.*)$`, 'm').exec(runtimeStage);
  if (!match) throw new Error(`the runtime stage has no ${name}`);
  return match[1]!.replace(/\\\n\s*/g, ' ');
}
