import { LEVEL_FRONT_MATTER } from '../front-matter-schema';
import { readFrontMatter } from '../front-matter';
import { repairText } from '../repair';

/**
 * How much of a level file is read to learn its status: front matter holds a few short keys, so a
 * file whose front matter does not close within this is not a draft (the loader refuses it anyway).
 */
export const STATUS_PREFIX_BYTES = 4096;

const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Whether a level file is a draft, by the same rule as the loader: its front matter says
 * `status: draft`. Only the first {@link STATUS_PREFIX_BYTES} bytes are looked at.
 */
export function isDraftLevelFile(bytes: Uint8Array, path: string): boolean {
  const prefix = bytes.subarray(0, STATUS_PREFIX_BYTES);
  const text = repairText(lenientUtf8.decode(prefix).replace(/\r\n?/g, '\n'), path).text.normalize('NFC');
  const front = readFrontMatter(text, path);
  if (!front.bodyFound) return false;
  const status = front.fields.get('status');
  return status !== undefined && LEVEL_FRONT_MATTER.status.read(status.value) === 'draft';
}
