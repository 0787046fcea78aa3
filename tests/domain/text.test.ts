import { normaliseForMatch, plainText } from '../../src/domain/text/normalise';
import { foldedWords, spacedTokens, words } from '../../src/domain/text/words';
import { contentTerms } from '../../src/domain/text/terms';

describe('normaliseForMatch', () => {
  it('compares composed and decomposed letters, any white space and any case alike', () => {
    expect(normaliseForMatch(' Cafe\u0301\u00a0\tAU\u2000lait ')).toBe('café au lait');
    expect(normaliseForMatch('Café au lait')).toBe(normaliseForMatch('CAFÉ  AU LAIT'));
  });

  it('is the served form, lower-cased', () => {
    const text = '  Ünïcode\u3000 and\n\nTabs\t ';
    expect(normaliseForMatch(text)).toBe(plainText(text).toLocaleLowerCase('en'));
  });
});

describe('the three ways to cut a sentence', () => {
  it('words: keeps accents, drops apostrophes', () => {
    expect(words("The team’s Résumé, and the team\\'s.")).toEqual([
      'the',
      'teams',
      'résumé',
      'and',
      'the',
      'teams',
    ]);
  });

  it('foldedWords: drops accents, splits on apostrophes', () => {
    expect(foldedWords('The team’s Résumé')).toEqual(['the', 'team', 's', 'resume']);
    expect(foldedWords("The team's resume")).toEqual(['the', 'team', 's', 'resume']);
  });

  it('spacedTokens: rebuild the sentence exactly', () => {
    for (const text of ['  Leads the team’s work — end to end.', "Owns on-call;  writes runbooks's"]) {
      expect(spacedTokens(text).join('')).toBe(text);
    }
    expect(spacedTokens("Owns the team's work.")).toEqual(['Owns ', 'the ', "team's ", 'work', '.']);
  });
});

describe('contentTerms', () => {
  it('stems the words outside the stopwords, once each, in order', () => {
    expect(contentTerms('I identify and pay down technical debt, then pay it all down.')).toEqual([
      'identifi',
      'pay',
      'down',
      'technic',
      'debt',
    ]);
  });

  it('joins inflections, and the few synonyms the stemmer misses', () => {
    const same = (a: string, b: string) => expect(contentTerms(a)).toEqual(contentTerms(b));
    same('increments', 'incremental');
    same('shipped features', 'ships feature');
    same('larger pieces', 'large increments');
    same('decompose smaller', 'break small');
    same('newer', 'new');
  });

  it('leaves out words that say little about a sentence', () => {
    expect(contentTerms('I am willing to take on unglamorous work needed to get things done.')).toEqual([
      'take',
      'unglamor',
      'work',
    ]);
    expect(contentTerms('?!')).toEqual([]);
  });
});
