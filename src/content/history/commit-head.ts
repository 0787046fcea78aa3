import { GitObjectError } from './object-error';
import { readObjectPrefix } from './objects';
import type { GitRepository } from './repository';

/** What the history uses of a commit: everything but the body of its message. */
export interface CommitHead {
  readonly tree: string;
  readonly parents: readonly string[];
  /** The committer's time, in seconds since the epoch. */
  readonly time: number;
  /** The first line of the message, trimmed, cut to {@link MAX_SUBJECT_CHARS} with an ellipsis. */
  readonly subject: string;
}

/**
 * The most of a commit object that is read: the headers (a signature included) and the subject fit
 * in it many times over, and a message of any length costs no more.
 */
export const COMMIT_READ_CAP = 64 * 1024;
/** A subject longer than this is cut: it is shown in lists, and nobody writes one this long. */
export const MAX_SUBJECT_CHARS = 300;

/** Reads a commit's tree, parents, time and subject, inflating at most {@link COMMIT_READ_CAP} bytes of it. */
export async function readCommitHead(repo: GitRepository, oid: string): Promise<CommitHead> {
  const { type, size, data } = await readObjectPrefix(repo, oid, COMMIT_READ_CAP);
  if (type !== 'commit') throw new GitObjectError('GIT_OBJECT_WRONG_TYPE', `${oid} is a ${type}`);
  return parseCommitHead(data.toString('utf8'), data.length < size);
}

/** Parses the start of a commit as git does: `tree` first, the `parent` run after it, then the rest. */
export function parseCommitHead(text: string, truncated: boolean): CommitHead {
  const blank = text.indexOf('\n\n');
  const headers = (blank < 0 ? text : text.slice(0, blank)).split('\n');
  const tree = /^tree ([0-9a-f]{40})$/.exec(headers[0] ?? '')?.[1];
  if (!tree) throw new GitObjectError('GIT_OBJECT_CORRUPT', 'a commit starts with its tree');
  const parents: string[] = [];
  let at = 1;
  for (let match; (match = /^parent ([0-9a-f]{40})$/.exec(headers[at] ?? '')); at++) parents.push(match[1]!);
  const committer = headers.slice(at).find((h) => h.startsWith('committer '));
  const time = Number(/ (-?\d+) [+-]\d{4}$/.exec(committer ?? '')?.[1]);
  if (!Number.isFinite(time))
    throw new GitObjectError('GIT_OBJECT_CORRUPT', 'a commit names its committer and time');
  return { tree, parents, time, subject: blank < 0 ? '' : subjectOf(text.slice(blank + 2), truncated) };
}

function subjectOf(message: string, truncated: boolean): string {
  const body = message.replace(/\r/g, '').replace(/^\n+/, '');
  const end = body.indexOf('\n');
  // a line cut by the read cap may end inside a character, so it is cut a little shorter too
  const cut = end < 0 && truncated;
  const line = [...(end < 0 ? body : body.slice(0, end)).trim()];
  if (line.length <= MAX_SUBJECT_CHARS && !cut) return line.join('');
  return `${line
    .slice(0, MAX_SUBJECT_CHARS - 1)
    .join('')
    .trimEnd()}…`;
}
