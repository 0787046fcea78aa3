/** Why a git object could not be read; `code` is stable, the message is for logs. */
export type GitObjectErrorCode =
  'GIT_OBJECT_MISSING' | 'GIT_OBJECT_CORRUPT' | 'GIT_OBJECT_TOO_LARGE' | 'GIT_OBJECT_WRONG_TYPE';

/** A git object that is missing, malformed, of another type, or needs more than a read's bound. */
export class GitObjectError extends Error {
  constructor(
    readonly code: GitObjectErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GitObjectError';
  }
}
