import { problem, type ContentProblem } from './problem';

/** A file's text with line breaks normalised to `\n`, or the reason it cannot be read as UTF-8. */
export type DecodeResult = { ok: true; text: string } | { ok: false; problem: ContentProblem };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a file as UTF-8, refusing anything else. A UTF-8 BOM is dropped before anything else
 * sees the text, so it shifts no column; CRLF and lone CR become `\n`, the same line breaks
 * markdown-it counts, so every line number we report matches the file in an editor.
 */
export function decodeUtf8(bytes: Uint8Array, path: string): DecodeResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refuse(
      'unsupported-encoding',
      path,
      1,
      1,
      'The file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8.',
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    if (looksLikeUtf16(bytes)) {
      return refuse(
        'unsupported-encoding',
        path,
        1,
        1,
        'The file looks like UTF-16 (every other byte is zero); save it as UTF-8.',
      );
    }
    const { line, column } = positionOfByte(bytes, nul);
    return refuse(
      'nul-byte',
      path,
      line,
      column,
      'The file contains a NUL byte; remove it (is this a binary file?).',
    );
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const { line, column } = positionOfByte(body, bad);
    return refuse(
      'invalid-utf8',
      path,
      line,
      column,
      `Byte 0x${body[bad]?.toString(16).padStart(2, '0') ?? '??'} is not valid UTF-8; save the file as UTF-8.`,
    );
  }
  return { ok: true, text: text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text };
}

function refuse(
  code: 'unsupported-encoding' | 'nul-byte' | 'invalid-utf8',
  path: string,
  line: number,
  column: number,
  message: string,
): DecodeResult {
  return { ok: false, problem: problem(code, path, line, column, message) };
}

/** UTF-16 without a BOM: ASCII text puts a zero in every other byte. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  return Math.max(even, odd) >= sample.length / 4;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    const second = bytes[i + 1];
    if (second === undefined) return i;
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** 1-based line and column (in UTF-16 units of the valid text before it) of a byte offset. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}
