import type MarkdownIt from 'markdown-it';
import { plainText } from '../../domain/text/normalise';

type Token = MarkdownIt.Token;

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
