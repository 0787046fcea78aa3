import type MarkdownIt from 'markdown-it';

type Token = MarkdownIt.Token;

/** Folds runs of white space to one space, trims, and normalises to NFC: how every string is served. */
export function plainText(s: string): string {
  // Testing first is cheaper than replacing: most sentences have single spaces only.
  const folded = (/\s\s|[^\S ]/.test(s) ? s.replace(/\s+/g, ' ') : s).trim();
  // NFC is the costliest step and a no-op on ASCII, which most sentences are.
  return isAscii(folded) ? folded : folded.normalize('NFC');
}

/** True when every character is below U+0080. */
export function isAscii(s: string): boolean {
  return !/[\u0080-\uffff]/.test(s);
}

/** An inline token reduced to text, plus the 0-based line offsets (within it) of quote escapes. */
export interface InlineText {
  readonly text: string;
  readonly quoteEscapes: readonly number[];
}

/**
 * The plain text of an inline token: emphasis, links and code markers dropped, their text kept;
 * line breaks (a wrapped list item) become spaces. `\'` and `\"` are reported because nobody
 * types them in markdown: they are what a tool's string escaping leaves behind.
 */
export function inlineText(token: Token): InlineText {
  return childrenText(token.children ?? []);
}

/** {@link inlineText} of a slice of an inline token's children. */
export function childrenText(children: readonly Token[]): InlineText {
  const pieces: string[] = [];
  const quoteEscapes: number[] = [];
  let line = 0;
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        pieces.push(child.content);
        break;
      case 'text_special':
        if (child.info === 'escape' && (child.markup === "\\'" || child.markup === '\\"'))
          quoteEscapes.push(line);
        pieces.push(child.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        pieces.push(' ');
        line++;
        break;
      case 'image':
        pieces.push(child.content); // the alt text
        break;
      default:
        // Markers (em, strong, links, strike) and inline HTML tags carry no text of their own.
        break;
    }
  }
  return { text: plainText(pieces.join('')), quoteEscapes };
}

/** `Teaching and Mentoring` → `teaching-and-mentoring`; accents dropped, other scripts kept. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** `Responsibility and direction needed` → `responsibilityAndDirectionNeeded`. */
export function camelCase(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
}

/** `site-reliability-engineer` → `Site Reliability Engineer`. */
export function nameFromId(id: string): string {
  return id
    .split('-')
    .filter((w) => w.length > 0)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

// One emoji: a flag (two regional indicators), a keycap, or a pictograph with its variation
// selector, skin tone, tag sequence and zero-width-joined parts.
const PICTOGRAPH = '\\p{Extended_Pictographic}\\uFE0F?\\p{Emoji_Modifier}?[\\u{E0020}-\\u{E007F}]*';
const LEADING_EMOJI = new RegExp(
  `^(?:\\p{Regional_Indicator}{2}|[#*0-9]\\uFE0F?\\u20E3|${PICTOGRAPH}(?:\\u200D${PICTOGRAPH})*)`,
  'u',
);

/** `🦉 Domain expertise` → emoji 🦉, name `Domain expertise`; no emoji → null. */
export function splitEmoji(heading: string): { emoji: string | null; name: string } {
  const emoji = LEADING_EMOJI.exec(heading)?.[0] ?? null;
  if (emoji === null) return { emoji: null, name: heading.trim() };
  return { emoji, name: heading.slice(emoji.length).trim() };
}
