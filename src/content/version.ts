import { createHash } from 'node:crypto';
import type { ContentFile } from './read-files';
import { compareStrings } from './problem';

/**
 * A content version: sha256 over the files given, in path order, each as its path, its length and
 * its bytes. Any edit, rename, addition or removal among them (track.md included) changes it; the
 * same files give the same version on every machine. The loader hashes every file for the full
 * version and the published files alone for the version callers without drafts see. 16 hex digits
 * are plenty to tell versions apart.
 */
export function contentVersion(files: readonly ContentFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => compareStrings(a.path, b.path))) {
    // Length-prefixing keeps "a" + "bc" and "ab" + "c" apart.
    hash.update(`${file.path}\0${file.bytes.length}\0`);
    hash.update(file.bytes);
  }
  return hash.digest('hex').slice(0, 16);
}
