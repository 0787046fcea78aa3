import type { Browser, Frame, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium } from './support/browser';
import { ensureExplorerBuilt } from './support/build';
import { startHost, type Host } from './support/host';
import { eventually } from '../support/poll';

// The functions given to page.evaluate run in the browser; the tests' tsconfig has Node's globals only.
declare const window: any, document: any, requestAnimationFrame: any;

// Embeds post their height to the dashboard that frames them, so it can size the iframe (issue 12):
// to a parent on an origin FRAME_ANCESTORS lists, or on the server's own; never to any other.

const MESSAGE = 'career-framework:embed-height';

interface Received {
  origin: string;
  data: { type?: string; height?: number };
  fromFrame: boolean;
}

/**
 * A dashboard on its own loopback port (so its own origin): it frames `?src=` and resizes the iframe
 * from the embed's messages, as the README's snippet does, recording every message it receives.
 */
function startDashboard(): Promise<Host> {
  return startHost((url) => {
    const src = url.searchParams.get('src') ?? 'about:blank';
    return `<!doctype html><html lang="en"><title>Dashboard</title><body>
<script>
  window.messages = [];
  window.addEventListener('message', (event) => {
    const frame = document.getElementById('embed');
    const fromFrame = event.source === frame.contentWindow;
    window.messages.push({ origin: event.origin, data: event.data, fromFrame });
    if (fromFrame && event.data && event.data.type === '${MESSAGE}') frame.style.height = event.data.height + 'px';
  });
</script>
<iframe id="embed" src="${src.replace(/"/g, '&quot;')}" title="Embed" style="width: 760px; height: 300px; border: 0"></iframe>
</body></html>`;
  });
}

/**
 * A dashboard (its own origin) with two embeds one above the other, each sized from its own
 * messages. The upper one keeps at least a viewport's height, so at 1280×800 the lower one is below
 * the fold from the start and stays there: nothing scrolls it into view.
 */
function startStackedDashboard(upper: () => string, lower: () => string): Promise<Host> {
  return startHost(
    () => `<!doctype html><html lang="en"><title>Dashboard</title><body style="margin: 0">
<script>
  window.addEventListener('message', (event) => {
    for (const frame of document.querySelectorAll('iframe')) {
      if (event.source === frame.contentWindow && event.data && event.data.type === '${MESSAGE}')
        frame.style.height = event.data.height + 'px';
    }
  });
</script>
<iframe id="upper" src="${upper()}" title="Matrix" style="display: block; width: 100%; height: 150px; min-height: 900px; border: 0"></iframe>
<iframe id="lower" src="${lower()}" title="Level" style="display: block; width: 100%; height: 150px; border: 0"></iframe>
</body></html>`,
  );
}

let allowed: Host;
let stacked: Host;
let other: Host;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureExplorerBuilt();
  allowed = await startDashboard();
  other = await startDashboard();
  stacked = await startStackedDashboard(
    () => `${server.address}/embed/matrix?track=site-reliability-engineer`,
    () => `${server.address}/embed/level?id=software-engineer/L3`,
  );
  server = await startTestServer({ FRAME_ANCESTORS: `${allowed.origin} ${stacked.origin}` });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await allowed?.close();
  await stacked?.close();
  await other?.close();
});

const EMBEDS = [
  ['matrix', '/embed/matrix?track=software-engineer'],
  ['level', '/embed/level?id=software-engineer/L3'],
  ['diff', '/embed/diff?from=site-reliability-engineer/L2&to=site-reliability-engineer/L3'],
] as const;

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.setDefaultTimeout(10_000);
  return page;
}

/** Opens the dashboard framing `src` and waits until the embed has rendered its page. */
async function openDashboard(page: Page, host: Host, src: string): Promise<Frame> {
  await page.goto(`${host.origin}/?src=${encodeURIComponent(src)}`);
  await page.frameLocator('#embed').locator('main:not([aria-busy]) h1').waitFor();
  const frame = page.frames().find((f) => f.url().startsWith(src.split('?')[0]!));
  if (!frame) throw new Error(`no frame for ${src}`);
  return frame;
}

/** The embed's document height once it has been laid out and its resize observers have run. */
const settledHeight = (frame: Frame): Promise<number> =>
  frame.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            resolve(Math.ceil(document.documentElement.getBoundingClientRect().height)),
          ),
        ),
      ),
  );

const messages = (page: Page): Promise<Received[]> => page.evaluate('window.messages') as Promise<Received[]>;

/** Waits until the dashboard's last height message says `height`. */
const heightReceived = (page: Page, height: number): Promise<unknown> =>
  page.waitForFunction(
    ([type, h]) => {
      const heights = (window as unknown as { messages: Received[] }).messages.filter(
        (m) => m.data?.type === type,
      );
      return heights.at(-1)?.data.height === h;
    },
    [MESSAGE, height] as const,
  );

describe('a dashboard on an origin FRAME_ANCESTORS lists', () => {
  it.each(EMBEDS)(
    'receives the %s embed’s document height, sizes the frame to fit, and hears again when it changes',
    async (_name, path) => {
      const page = await newPage();
      try {
        const frame = await openDashboard(page, allowed, `${server.address}${path}`);
        const height = await settledHeight(frame);
        await heightReceived(page, height);
        // sized from the message, the frame shows the whole embed with nothing to scroll
        await page.waitForFunction((h) => document.getElementById('embed')!.clientHeight === h, height);
        expect(await frame.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight)).toBe(
          0,
        );

        // narrower, the content wraps onto more lines: a new height is posted
        await page.evaluate(() => {
          document.getElementById('embed')!.style.width = '360px';
        });
        await frame.waitForFunction(() => window.innerWidth === 360);
        const narrower = await settledHeight(frame);
        expect(narrower).toBeGreaterThan(height);
        await heightReceived(page, narrower);

        const received = await messages(page);
        expect(received.length).toBeGreaterThanOrEqual(2);
        for (const m of received) {
          expect(m).toEqual({
            origin: server.address,
            data: { type: MESSAGE, height: expect.any(Number) },
            fromFrame: true,
          });
        }
      } finally {
        await page.close();
      }
    },
  );

  it('hears when a reader opens folded examples in an embedded level', async () => {
    const page = await newPage();
    try {
      const frame = await openDashboard(
        page,
        allowed,
        `${server.address}/embed/level?id=software-engineer/L3`,
      );
      await heightReceived(page, await settledHeight(frame));
      const before = await settledHeight(frame);
      await frame.locator('.fold--examples .fold-toggle').first().click();
      const after = await settledHeight(frame);
      expect(after).toBeGreaterThan(before);
      await heightReceived(page, after);
    } finally {
      await page.close();
    }
  });
});

describe('a dashboard with two embeds stacked', () => {
  /** The height the frame's document has once its view has rendered; null before. */
  const renderedHeight = (frame: Frame): Promise<number | null> =>
    // no requestAnimationFrame here: an off-screen frame gets no animation frames to wait for
    frame.evaluate(() =>
      document.querySelector('main:not([aria-busy]) h1')
        ? Math.ceil(document.documentElement.getBoundingClientRect().height)
        : null,
    );

  const styleHeight = (page: Page, id: string): Promise<string> =>
    page.evaluate((i) => document.getElementById(i)!.style.height as string, id);

  it('sizes the lower one to fit too, though it is off screen and never scrolled into view', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(`${stacked.origin}/`);
      for (const id of ['upper', 'lower']) {
        const frame = await (await page.$(`iframe#${id}`))!.contentFrame();
        if (!frame) throw new Error(`no frame in #${id}`);
        await eventually(
          async () => {
            const height = await renderedHeight(frame);
            expect(height).not.toBeNull();
            expect(await styleHeight(page, id)).toBe(`${height}px`);
          },
          { ms: 15_000 },
        );
      }
      // the lower one was sized where it is, below the fold
      const lowerTop = await page.evaluate(
        () => document.getElementById('lower')!.getBoundingClientRect().top,
      );
      expect(lowerTop).toBeGreaterThan(800);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    } finally {
      await page.close();
    }
  }, 40_000);
});

describe('a dashboard on any other origin', () => {
  it('receives nothing, even from a browser that does not enforce frame-ancestors', async () => {
    const page = await newPage();
    try {
      // stand in for such a browser: drop the embed's CSP so the unlisted origin may frame it
      await page.route(`${server.address}/embed/**`, async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['content-security-policy'];
        await route.fulfill({ response, headers });
      });
      const frame = await openDashboard(
        page,
        other,
        `${server.address}/embed/matrix?track=software-engineer`,
      );
      await settledHeight(frame);
      await frame.evaluate(() => {
        document.body.style.paddingBottom = '200px';
      });
      await settledHeight(frame);
      // messages from one window to another arrive in order: once this one is in, any height
      // message the embed posted before it would be in too
      await frame.evaluate(() => window.parent.postMessage({ type: 'sentinel' }, '*'));
      await page.waitForFunction(() =>
        (window as unknown as { messages: Received[] }).messages.some((m) => m.data?.type === 'sentinel'),
      );
      expect((await messages(page)).map((m) => m.data.type)).toEqual(['sentinel']);
    } finally {
      await page.close();
    }
  });
});

describe("with only 'self' allowed", () => {
  let own: TestServer;

  beforeAll(async () => {
    own = await startTestServer();
  });

  afterAll(() => own?.close());

  it("posts to the server's own origin, where the explorer's own pages may frame it", async () => {
    const page = await newPage();
    try {
      await page.goto(`${own.address}/`);
      await page.locator('main:not([aria-busy]) h1').waitFor();
      await page.evaluate(() => {
        const received: Received[] = [];
        Object.assign(window, { messages: received });
        const frame = document.createElement('iframe');
        frame.id = 'embed';
        frame.title = 'Embed';
        window.addEventListener('message', (event: any) =>
          received.push({
            origin: event.origin,
            data: event.data,
            fromFrame: event.source === frame.contentWindow,
          }),
        );
        frame.src = '/embed/level?id=software-engineer/L3';
        document.body.append(frame);
      });
      await page.frameLocator('#embed').locator('main:not([aria-busy]) h1').waitFor();
      const frame = page.frames().find((f) => f.url().includes('/embed/level'))!;
      expect(await frame.locator('meta[name="embed-parent-origins"]').getAttribute('content')).toBe('');
      await heightReceived(page, await settledHeight(frame));
      for (const m of await messages(page)) expect(m.origin).toBe(own.address);
    } finally {
      await page.close();
    }
  });
});
