import fc from 'fast-check';
import { MAC_ROMAN_UPPER } from '../../src/content/charsets';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/content/decode';
import { repairText } from '../../src/content/repair';

/** UTF-8 text as a Mac would have shown it: every byte through the Mac Roman table. */
function asMacRoman(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => (b < 0x80 ? String.fromCharCode(b) : MAC_ROMAN_UPPER[b - 0x80]!))
    .join('');
}

const repaired = (text: string) => repairText(text, 'demo/L1.md');

describe('repairText', () => {
  it.each([
    ['ü¶â with the Apple logo that Mac Roman makes of 0xF0', '\uf8ffü¶â Domain', '🦉 Domain'],
    ['ü¶â whose lead byte was lost', 'ü¶â Domain', '🦉 Domain'],
    ['‚Äô (Mac Roman)', 'customers‚Äô production', 'customers’ production'],
    ['â€™ (Windows-1252)', 'customersâ€™ production', 'customers’ production'],
    ['Ã© (Windows-1252)', 'cafÃ© latte', 'café latte'],
    ['â€œquotesâ€\u009d (C1 control for an undefined byte)', 'â€œquotesâ€\u009d', '“quotes”'],
    ['a whole Cyrillic word (Windows-1252)', 'ÐŸÑ€Ð¸Ð²ÐµÑ‚ world', 'Привет world'],
    ['two runs on one line', 'itâ€™s and itâ€™s', 'it’s and it’s'],
    ['two emoji that lost their lead bytes, side by side', 'ü¶âüå± x', '🦉🌱 x'],
  ])('repairs %s', (_, damaged, expected) => {
    const result = repaired(damaged);
    expect(result.text).toBe(expected);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.code === 'repaired-mojibake' && p.severity === 'warning')).toBe(
      true,
    );
  });

  it.each([
    ['café', 'I drink café au lait.'],
    ['naïve', 'A naïve approach.'],
    ['Grüße', 'Viele Grüße, Jürgen.'],
    ['“école” (Mac Roman would read “é as Cyrillic)', 'Il a dit “école” — oui.'],
    ['É— (valid UTF-8 for ɗ, but not mojibake)', 'CAFÉ—open late'],
    ['emoji and CJK', 'I ship 🚀 features 日本語 quickly ’ok’.'],
    ['accented capitals', 'ÀÉÎÕÜ àéîõü'],
    ['ü and two accented letters inside a longer run', 'xüöäé y'],
  ])('leaves legitimate text alone: %s', (_, text) => {
    const result = repaired(text);
    expect(result.text).toBe(text);
    expect(result.problems).toEqual([]);
  });

  it('repairs whatever UTF-8 text Mac Roman turned into mojibake', () => {
    const sample = 'I’m “fine” — café, naïve, Grüße, 🦉🌱🧭🏆, 👩‍💻, 日本, Привет, ½ × ≠';
    expect(repaired(asMacRoman(sample)).text).toBe(sample);
  });

  it('reports the line and column of each repair, and keeps every line', () => {
    const text = 'line one\nsecond ‚Äô here\n\n  ü¶â third';
    const result = repaired(text);
    expect(result.text).toBe('line one\nsecond ’ here\n\n  🦉 third');
    expect(result.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 8],
      [4, 3],
    ]);
  });

  it('removes a stray BOM inside the text and says where', () => {
    const result = repaired('ab\ncd\ufeffef');
    expect(result.text).toBe('ab\ncdef');
    expect(result.problems.map((p) => [p.code, p.line, p.column])).toEqual([['stray-bom', 2, 3]]);
  });

  it('never changes the number of lines (property)', () => {
    const pieces = fc.constantFrom(
      'a',
      ' ',
      '\n',
      'é',
      'ü',
      '¶',
      'â',
      '€',
      '™',
      '‚',
      'Ä',
      'ô',
      '\uf8ff',
      '\ufeff',
      'Ã',
      '©',
      '🦉',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const out = repaired(text);
        expect(out.text.split('\n').length).toBe(text.split('\n').length);
        for (const p of out.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the Mac Roman table', () => {
  it('matches TextDecoder("macintosh") where this Node build has it', () => {
    let decoder: { decode(bytes: Uint8Array): string } | null = null;
    try {
      decoder = new TextDecoder('macintosh');
    } catch {
      // Builds without full ICU: the written-out table is all there is, which is why it exists.
    }
    const bytes = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    if (decoder) expect(decoder.decode(bytes)).toBe(MAC_ROMAN_UPPER);
    expect([...MAC_ROMAN_UPPER]).toHaveLength(128);
  });
});

describe('decodeUtf8', () => {
  const decode = (bytes: number[] | string) =>
    decodeUtf8(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Uint8Array.from(bytes), 'x.md');

  it('drops a UTF-8 BOM and normalises CRLF and lone CR to LF', () => {
    expect(decode('\ufeffa\r\nb\rc\n')).toEqual({ ok: true, text: 'a\nb\nc\n' });
  });

  it.each([
    ['a lone continuation byte', [0x61, 0x0a, 0x62, 0x80], 2, 2],
    ['an overlong NUL', [0x61, 0xc0, 0x80], 1, 2],
    ['a surrogate', [0xed, 0xa0, 0x80], 1, 1],
    ['a truncated sequence at the end', [0x61, 0x62, 0xe2, 0x82], 1, 3],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 1, 1],
    ['Latin-1 é after UTF-8 text', [...Buffer.from('naï'), 0xe9, 0x65], 1, 4],
  ])('refuses %s with its position', (_, bytes, line, column) => {
    const result = decode(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ code: 'invalid-utf8', line, column });
  });

  it('agrees with a strict TextDecoder on arbitrary bytes (property)', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === bytes.length).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});
