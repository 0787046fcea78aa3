import type { Progression } from '../domain/entities';
import { readFrontMatter } from './front-matter';
import { readFields, TRACK_FRONT_MATTER } from './front-matter-schema';
import type { ContentProblem } from './problem';

/** What a track.md may say about its track. */
export interface TrackInfo {
  readonly name?: string;
  readonly description?: string;
  readonly progression?: Progression;
}

/**
 * Reads a track.md (already decoded and repaired). Only its front matter means anything; the body
 * is free text for people browsing the repository.
 */
export function parseTrackFile(text: string, path: string): { info: TrackInfo; problems: ContentProblem[] } {
  const front = readFrontMatter(text, path);
  const problems = [...front.problems];
  const info = readFields(front.fields, TRACK_FRONT_MATTER, path, problems);
  return { info, problems };
}
