import fc from 'fast-check';
import { diffTexts } from '../../src/domain/diff/match-items';
import { textSegments } from '../../src/domain/diff/segments';
import { segmentsOfOneChange } from '../../src/graphql/cost/sizes';

// The cost estimate sizes a diff without running it, from bounds on the diff's segments; these hold the
// domain's diff to those bounds, so a change to how it cuts text cannot make the estimate too low.

const piece = fc.constantFrom(
  'team',
  'service',
  'incident',
  'review',
  "team's",
  'on-call',
  'café',
  '42',
  'I',
  'a',
  ',',
  '.',
  ' - ',
  '(',
  ')',
  '/',
  '…',
  '’',
);
const space = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '');
const sentence = fc
  .array(fc.tuple(piece, space), { minLength: 1, maxLength: 24 })
  .map((parts) =>
    parts
      .map(([p, s]) => p + s)
      .join('')
      .trim(),
  )
  .filter((text) => text.length > 0);
/** Two sentences that share much of their wording, as rewordings do. */
const rewording = fc
  .tuple(sentence, fc.array(fc.tuple(fc.nat(30), piece), { maxLength: 8 }))
  .map(([text, edits]) => {
    const words = text.split(' ');
    for (const [at, word] of edits) words[at % words.length] = word;
    return [text, words.join(' ')] as const;
  });

describe('the bounds the cost estimate puts on a diff', () => {
  it('one change has at most 3·min(tokens) + 3 segments', () => {
    fc.assert(
      fc.property(fc.oneof(rewording, fc.tuple(sentence, sentence)), ([from, to]) => {
        const segments = textSegments(from, to).length;
        expect(segments).toBeLessThanOrEqual(Math.min(segmentsOfOneChange(from), segmentsOfOneChange(to)));
      }),
      { numRuns: 500 },
    );
  });

  it('a list of changes has one change per item at most, each within the longest bound of its items', () => {
    fc.assert(
      fc.property(
        fc.array(rewording, { maxLength: 8 }),
        fc.array(sentence, { maxLength: 4 }),
        (pairs, extra) => {
          const from = [...pairs.map(([a]) => a), ...extra];
          const to = pairs.map(([, b]) => b);
          const changes = diffTexts(from, to);
          const longest = Math.max(0, ...[...from, ...to].map(segmentsOfOneChange));
          expect(changes.length).toBeLessThanOrEqual(from.length + to.length);
          for (const change of changes) expect(change.segments.length).toBeLessThanOrEqual(longest);
        },
      ),
      { numRuns: 300 },
    );
  });
});
