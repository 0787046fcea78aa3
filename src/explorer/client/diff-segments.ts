import { decoration, h, srOnly, type Child } from './dom.js';
import type { TextChange } from './queries.js';

// What a screen reader says for a segment that is only punctuation or white space: most read neither
// out at their default settings, so "[deleted: .]" would sound like nothing was deleted.
const NAMES: Readonly<Record<string, string>> = {
  '.': 'full stop',
  ',': 'comma',
  ';': 'semicolon',
  ':': 'colon',
  '!': 'exclamation mark',
  '?': 'question mark',
  '-': 'hyphen',
  '–': 'dash',
  '—': 'dash',
  '(': 'opening bracket',
  ')': 'closing bracket',
  '[': 'opening bracket',
  ']': 'closing bracket',
  '"': 'quotation mark',
  '“': 'quotation mark',
  '”': 'quotation mark',
  "'": 'apostrophe',
  '‘': 'quotation mark',
  '’': 'apostrophe',
  '/': 'slash',
  '&': 'ampersand',
  '…': 'ellipsis',
  ' ': 'space',
  '\u00a0': 'space',
  '\t': 'tab',
  '\n': 'line break',
};

// White space drawn as the glyphs editors use, so an inserted space is something to see.
const VISIBLE: Readonly<Record<string, string>> = { ' ': '␣', '\u00a0': '␣', '\t': '⇥', '\n': '↵' };

/** True for a segment with no letter or digit: on its own it is a blank or barely visible mark. */
export function isSymbolOnly(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/**
 * A changed item's word-level segments: `<ins>` and `<del>` carry the meaning, the colours only help.
 * A segment that is only punctuation or white space shows its characters, white space drawn, in a
 * marked box, and names them for screen readers; `data-text` keeps the segment's own text.
 */
export function wordDiff(change: TextChange): Child[] {
  return change.segments.map((segment) => {
    if (segment.kind === 'EQUAL') return segment.text;
    const tag = segment.kind === 'INSERTED' ? 'ins' : 'del';
    if (!isSymbolOnly(segment.text)) return h(tag, null, segment.text);
    const chars = [...segment.text];
    return h(
      tag,
      { class: 'symbol', 'data-text': segment.text },
      decoration(chars.map((c) => VISIBLE[c] ?? (/\s/u.test(c) ? '␣' : c)).join('')),
      srOnly(chars.map((c) => NAMES[c] ?? (/\s/u.test(c) ? 'space' : c)).join(', ')),
    );
  });
}
