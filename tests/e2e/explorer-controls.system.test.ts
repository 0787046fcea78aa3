import { defineClientModule } from './support/client-module';
import { graphql } from './support/graphql';
import { useExplorerSession } from './support/session';

// The functions given to page.evaluate run in the browser; the tests' tsconfig has Node's globals only.
declare const window: any, document: any, getComputedStyle: any;
type HTMLElement = any;

// The explorer's controls and affordances in a real browser (issue 13): where focus lands, what the
// titles and toggles say, the diff's two ways of reversing, legible punctuation in a word diff.

const FROM = 'site-reliability-engineer/L2';
const TO = 'site-reliability-engineer/L3';

const explorer = useExplorerSession();

/** Whether the focused element is the given one or comes after it in the document. */
const focusIsAtOrAfter = (selector: string): Promise<unknown> =>
  explorer.tab.active(
    `(() => { const target = document.querySelector(${JSON.stringify(selector)}); return el === target || ` +
      `Boolean(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING); })()`,
  );

describe('a jump link to a competency', () => {
  it.each([
    ['level page', '/level?id=software-engineer/L3'],
    ['diff', `/diff?from=${FROM}&to=${TO}`],
  ])('on the %s moves focus to the section, so Tab goes on from there', async (_name, path) => {
    const { page } = explorer.tab;
    await explorer.tab.open(path);
    const links = page.locator('nav.toc a');
    expect(await links.count()).toBeGreaterThan(2);
    // a section well down the page, reached with the keyboard
    const link = links.nth(2);
    const hash = (await link.getAttribute('href'))!;
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${hash}`);
    await page.waitForFunction((id) => document.activeElement?.id === id, hash.slice(1));
    expect(await explorer.tab.active('el.tagName')).toBe('SECTION');
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);

    await page.keyboard.press('Tab');
    // on from the section (inside it or after it), not back at the top of the page
    expect(await focusIsAtOrAfter(hash)).toBe(true);
    expect(await explorer.tab.active('Boolean(el.closest("header, nav.toc, form"))')).toBe(false);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  it('from a search result focuses the competency it matched on the level page', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open('/search?q=mentor');
    const hit = page.locator('.hit a[href*="#competency-"]').first();
    const href = (await hit.getAttribute('href'))!;
    await hit.click();
    await page.waitForURL(`${explorer.server.address}${href}`);
    await page.locator('main:not([aria-busy]) .statement').waitFor();
    expect(await explorer.tab.active('el.id')).toBe(decodeURIComponent(href.split('#')[1]!));
  });
});

describe('page titles', () => {
  it('name the site once, and a cross-track diff by both tracks and codes', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open('/');
    await expect(page.title()).resolves.toBe('Career framework');

    for (const path of [
      '/level?id=software-engineer/L3',
      `/diff?from=${FROM}&to=${TO}`,
      '/matrix?track=site-reliability-engineer',
      '/search?q=mentor',
      '/diff',
    ]) {
      await explorer.tab.open(path);
      const parts = (await page.title()).split(' · ');
      expect({ path, parts }).toEqual({ path, parts: [...new Set(parts)] });
      expect(parts.at(-1)).toBe('Career framework');
    }

    const levels = await graphql<Record<'a' | 'b', { code: string; track: { name: string } }>>(
      explorer.server.url,
      `
        {
          a: level(id: "software-engineer/L3") {
            code
            track {
              name
            }
          }
          b: level(id: "site-reliability-engineer/L3") {
            code
            track {
              name
            }
          }
        }
      `,
    );
    await explorer.tab.open('/diff?from=software-engineer/L3&to=site-reliability-engineer/L3');
    await expect(page.title()).resolves.toBe(
      `${levels.a.track.name} ${levels.a.code} → ${levels.b.track.name} ${levels.b.code} · Compare · Career framework`,
    );
    await explorer.tab.open(`/diff?from=${FROM}&to=${TO}`);
    await expect(page.title()).resolves.toMatch(
      new RegExp(`^${levels.b.track.name} L\\d → L\\d · Compare · Career framework$`),
    );
  });
});

describe('reversing a comparison', () => {
  it('is the same with "⇄ Swap" and with "Reverse the comparison": the reversed diff, pickers included', async () => {
    const { page } = explorer.tab;
    const shows = async (from: string, to: string): Promise<void> => {
      await page.waitForURL(`${explorer.server.address}/diff?from=${from}&to=${to}`);
      await page.locator('main:not([aria-busy]) h1.diff-title').waitFor();
      expect(
        await page.locator('h1.diff-title a').evaluateAll((all) => all.map((a) => a.getAttribute('href'))),
      ).toEqual([`/level?id=${from}`, `/level?id=${to}`]);
      await expect(page.locator('#diff-from').inputValue()).resolves.toBe(from);
      await expect(page.locator('#diff-to').inputValue()).resolves.toBe(to);
    };
    await explorer.tab.open(`/diff?from=${FROM}&to=${TO}`);
    await page.getByRole('button', { name: 'Swap' }).click();
    await shows(TO, FROM);
    await page.getByRole('link', { name: 'Reverse the comparison' }).click();
    await shows(FROM, TO);
    // with the keyboard too
    await page.getByRole('button', { name: 'Swap' }).focus();
    await page.keyboard.press('Enter');
    await shows(TO, FROM);
  });
});

describe('fold toggles', () => {
  it('say what they fold and what pressing them does, with aria-expanded, by mouse and keyboard', async () => {
    const { page } = explorer.tab;
    // a level compared with itself: everything unchanged, so there is something folded whatever the content
    await explorer.tab.open('/diff?from=software-engineer/L3&to=software-engineer/L3');
    const toggle = page.locator('.fold--unchanged .fold-toggle').first();
    const content = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
    const items = await content.locator('li').count();
    expect(items).toBeGreaterThan(0);
    // on a cumulative track the reader's page folds expectations as "still expected"
    const what = `${items} (unchanged ${items === 1 ? '(expectation|example)' : '(expectations|examples)'}|still expected)`;
    const label = toggle.locator('.fold-label');

    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(label.textContent()).resolves.toMatch(new RegExp(`^Show ${what}$`));
    // its accessible name also says which competency, for a screen reader's list of buttons
    await expect(toggle.evaluate((b) => b.textContent)).resolves.toMatch(/ in \S/);
    await expect(content.isVisible()).resolves.toBe(false);

    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(label.textContent()).resolves.toMatch(new RegExp(`^Hide ${what}$`));
    await expect(content.locator('li').first().isVisible()).resolves.toBe(true);

    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(content.isVisible()).resolves.toBe(false);
  });

  it('fold the examples of a matrix cell and of an embedded level the same way', async () => {
    const { page } = explorer.tab;
    for (const path of ['/matrix?track=site-reliability-engineer', '/embed/level?id=software-engineer/L3']) {
      await explorer.tab.open(path);
      const toggles = page.locator('.fold--examples .fold-toggle');
      expect({ path, count: await toggles.count() }).toEqual({ path, count: expect.any(Number) });
      expect(await toggles.count()).toBeGreaterThan(0);
      const toggle = toggles.first();
      const n = await page.locator(`#${await toggle.getAttribute('aria-controls')} li`).count();
      await expect(toggle.locator('.fold-label').textContent()).resolves.toBe(
        `Show ${n} ${n === 1 ? 'example' : 'examples'}`,
      );
      await toggle.click();
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    }
  });
});

describe('counts in words', () => {
  // "<n> <noun>" for every noun the explorer counts
  const COUNTED = /\b(\d+) (?:unchanged )?(example|expectation|level|result)(s?)\b/g;

  it('are in the right number on every page', async () => {
    const { page } = explorer.tab;
    const seen = new Set<string>();
    for (const path of [
      '/matrix?track=site-reliability-engineer',
      '/matrix?track=software-engineer',
      `/diff?from=${FROM}&to=${TO}`,
      '/diff?from=software-engineer/L3&to=software-engineer/L3',
      '/embed/level?id=software-engineer/L3',
      '/embed/matrix?track=software-engineer',
      '/search?q=mentor',
    ]) {
      await explorer.tab.open(path);
      const text = await page.locator('main').evaluate((m) => m.textContent ?? '');
      for (const [phrase, n, , s] of text.matchAll(COUNTED)) {
        expect({ path, phrase, plural: s === 's' }).toEqual({ path, phrase, plural: n !== '1' });
        seen.add(phrase);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
    // and the one function they all use, for the singular the content may not have today
    await defineClientModule(page, 'components');
    const words = await page.evaluate(() => {
      const { countOf } = window.explorerModules.components as {
        countOf(n: number, singular: string, plural?: string): string;
      };
      return [countOf(0, 'example'), countOf(1, 'example'), countOf(2, 'unchanged expectation')];
    });
    expect(words).toEqual(['0 examples', '1 example', '2 unchanged expectations']);
  });
});

describe('a changed item whose change is only punctuation or white space', () => {
  it('shows the characters in a visible marked box, named for screen readers, never an empty box', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open(`/diff?from=${FROM}&to=${TO}`);
    // every marked segment on a real diff has something to see
    const blank = await page
      .locator('.change-text ins, .change-text del')
      .evaluateAll((all) =>
        all
          .filter((el) => (el as HTMLElement).innerText.trim() === '' || el.getBoundingClientRect().width < 4)
          .map((el) => el.outerHTML),
      );
    expect(blank).toEqual([]);

    // the cases the content may or may not hold today, rendered by the explorer's own module
    await defineClientModule(page, 'diff-segments');
    const cases = [
      { kind: 'DELETED', text: '.', name: 'full stop' },
      { kind: 'INSERTED', text: ' ', name: 'space' },
      { kind: 'DELETED', text: ', ', name: 'comma, space' },
      { kind: 'INSERTED', text: ';', name: 'semicolon' },
    ];
    const rendered = await page.evaluate((cases) => {
      const { wordDiff } = window.explorerModules['diff-segments'] as {
        wordDiff(change: unknown): unknown[];
      };
      const list = document.createElement('ol');
      list.className = 'changes';
      document.querySelector('main')!.append(list);
      return cases.map(({ kind, text }) => {
        const li = document.createElement('li');
        li.className = 'change change--changed';
        const span = document.createElement('span');
        span.className = 'change-text';
        const segments = [
          { kind: 'EQUAL', text: 'Ship it' },
          { kind, text },
          { kind: 'EQUAL', text: 'today' },
        ];
        span.append(...wordDiff({ status: 'CHANGED', from: '', to: '', segments }));
        li.append(span);
        list.append(li);
        const mark = span.querySelector('ins, del') as HTMLElement;
        const glyph = mark.querySelector('[aria-hidden="true"]') as HTMLElement;
        const box = mark.getBoundingClientRect();
        const style = getComputedStyle(mark);
        return {
          tag: mark.tagName.toLowerCase(),
          text: mark.dataset.text,
          shown: glyph.innerText,
          spoken: (mark.querySelector('.vh') as HTMLElement).textContent,
          width: box.width,
          fontSize: parseFloat(style.fontSize),
          outline: style.outlineStyle,
        };
      });
    }, cases);
    rendered.forEach((r, i) => {
      const c = cases[i]!;
      expect(r).toEqual({
        tag: c.kind === 'INSERTED' ? 'ins' : 'del',
        text: c.text,
        shown: expect.stringMatching(/\S/),
        spoken: c.name,
        width: expect.any(Number),
        fontSize: expect.any(Number),
        outline: 'dashed',
      });
      // at least a character's width and a half: a box to see, not a sliver
      expect(r.width).toBeGreaterThanOrEqual(r.fontSize * 1.5);
    });
    expect(rendered[1]!.shown).toBe('␣');
    expect(rendered[2]!.shown).toBe(',␣');
  });
});
