import { useExplorerSession } from './support/session';

// The search page marks what the server matched, typos and prefixes included, in a real browser.

const explorer = useExplorerSession();

/** The marked words of each hit on a search page, in order. */
async function markedWords(query: string): Promise<string[][]> {
  const { page } = explorer.tab;
  await explorer.tab.open(`/search?q=${encodeURIComponent(query)}`);
  await page.locator('.hit').first().waitFor();
  return page
    .locator('.hit-text')
    .evaluateAll((texts) =>
      texts.map((text) => [...text.querySelectorAll('mark')].map((mark) => mark.textContent ?? '')),
    );
}

describe('search highlighting', () => {
  it('marks the word a typo matched next to the word typed exactly', async () => {
    const hits = await markedWords('incidnt review');
    const both = hits.find(
      (marks) => marks.some((m) => /^incident/i.test(m)) && marks.some((m) => /^review/i.test(m)),
    );
    expect(both).toBeDefined();
  });

  it('marks the whole word a prefix matched, and something in every hit', async () => {
    const hits = await markedWords('mentr');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((marks) => marks.some((m) => /^mentor/i.test(m)))).toBe(true);
    expect(hits.filter((marks) => marks.length === 0)).toEqual([]);
  });

  it('marks words, never the spaces or punctuation between them', async () => {
    const marks = (await markedWords('incidnt review')).flat();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.filter((mark) => !/^[\p{L}\p{N}]+$/u.test(mark))).toEqual([]);
  });
});
