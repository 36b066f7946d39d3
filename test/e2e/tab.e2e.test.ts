import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testBot.js';
import { browserTestsSkipped, launchChromium, type Chromium } from './chromium.js';
import { RESULTS_DIR } from './playground.js';

// The personal tab as a plain browser sees it (outside Teams): the real server, its bundled tab
// and its JSON endpoints, in Debian's chromium.

const visibleNetworks = (page: Page) => page.locator('#networks > li:visible');
const resultCount = (page: Page) => page.locator('#result-count');

/**
 * The lowest WCAG contrast ratio between any visible text on the page and the first opaque
 * background behind it, with the element it was found on.
 */
function lowestTextContrast(page: Page): Promise<{ ratio: number; where: string }> {
  return page.evaluate(() => {
    const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundBehind = (element: Element | null): number[] => {
      for (let node = element; node; node = node.parentElement) {
        const colour = rgb(getComputedStyle(node).backgroundColor);
        if (colour.length === 3 || colour[3] === 1) return colour.slice(0, 3);
      }
      return [255, 255, 255];
    };
    let lowest = { ratio: 21, where: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const element = text.parentElement;
      if (
        !element ||
        !text.textContent?.trim() ||
        element.closest('[hidden], noscript') ||
        element.getClientRects().length === 0
      )
        continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || (element.closest('.skip-link') && document.activeElement !== element))
        continue;
      const [light, dark] = [luminance(rgb(style.color)), luminance(backgroundBehind(element))].sort((a, b) => b - a);
      const ratio = ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
      if (ratio < lowest.ratio)
        lowest = {
          ratio: Math.round(ratio * 100) / 100,
          where: `${element.tagName.toLowerCase()}.${element.className}: ${text.textContent.trim().slice(0, 40)}`,
        };
    }
    return lowest;
  });
}

/** The page's background colour as chromium computes it. */
const backgroundOf = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

describe.skipIf(browserTestsSkipped)('the personal tab in a browser', () => {
  let app: TestApp;
  let browser: Chromium;
  let page: Page;
  /** Console errors and CSP refusals: a clean page has none. */
  let problems: string[];

  beforeAll(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    app = await startTestApp();
    browser = await launchChromium();
    // teams-js reads its list of valid Teams origins from a Microsoft CDN at load time; this
    // machine is offline, so answer for the CDN as it would fail, and keep the run hermetic.
    await browser.context.route('https://res.cdn.office.net/**', (route) => route.fulfill({ status: 503, body: '' }));
  });

  afterAll(async () => {
    await browser.close();
    await app.close();
  });

  beforeEach(async () => {
    page = await browser.context.newPage();
    problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.startsWith('https://res.cdn.office.net'))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await page.screenshot({
        path: path.join(RESULTS_DIR, `tab-failed-${task.name.replace(/\W+/g, '-')}.png`),
        fullPage: true,
      });
    }
    await page.close();
  });

  async function open(query = ''): Promise<void> {
    await page.goto(`${app.url}/tab${query}`);
    await visibleNetworks(page).first().waitFor();
  }

  it('loads outside Teams and shows the national lead, the webinar and the seven regional networks', async () => {
    const started = performance.now();
    await open();
    const loadMs = performance.now() - started;

    expect(await visibleNetworks(page).count()).toBe(7);
    expect(await resultCount(page).textContent()).toBe('Showing all 7 networks.');
    await expect.poll(() => page.getByRole('heading', { name: 'National MSO network lead' }).isVisible()).toBe(true);
    expect(await page.locator('#content').textContent()).toContain('Example Lead');
    expect(await page.locator('#webinar-coming-soon').textContent()).toBe(
      'The date, time and calendar link are coming soon.',
    );
    const northWest = page.locator('#networks > li[data-region="Y62"]');
    expect(await northWest.getByRole('link', { name: 'Email North West Example Lead' }).getAttribute('href')).toBe(
      'mailto:nw.mso.lead@example.org',
    );
    expect(
      await northWest.getByRole('link', { name: 'Chat with North West Example Lead in Teams' }).getAttribute('href'),
    ).toBe('https://teams.microsoft.com/l/chat/0/0?users=nw.mso.lead%40example.org');
    expect(await northWest.getByRole('link', { name: 'North West MSO network page' }).getAttribute('href')).toBe(
      'https://example.org/mso-networks/nw',
    );
    expect(await backgroundOf(page)).toBe('rgb(245, 245, 245)');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'tab-default.png'), fullPage: true });
    // Waits out the Teams connection attempt, so anything it logs is caught.
    await page.waitForTimeout(1800);
    expect(problems).toEqual([]);
    console.log(`tab loaded with seven networks in ${Math.round(loadMs)} ms`);
  });

  it('filters the networks by region name as the MSO types', async () => {
    await open();
    const search = page.getByRole('searchbox', { name: 'Find your network' });

    await search.fill('North West');
    await expect.poll(() => visibleNetworks(page).count()).toBe(1);
    expect(await visibleNetworks(page).getByRole('heading').textContent()).toBe('North West MSO network');
    expect(await resultCount(page).textContent()).toBe('1 network matches “North West”.');

    await search.fill('yorks');
    await expect.poll(() => visibleNetworks(page).getAttribute('data-region')).toBe('Y63');

    await search.press('Escape');
    await expect.poll(() => visibleNetworks(page).count()).toBe(7);
  });

  it.each([
    ['an ODS code', 'RR8', 'Leeds Teaching Hospitals NHS Trust (RR8) is in North East and Yorkshire'],
    ['a trust name', 'Leeds', 'is in North East and Yorkshire'],
  ])('finds the network for %s through the organisation lookup', async (_kind, text, organisationLine) => {
    await open();

    await page.getByRole('searchbox', { name: 'Find your network' }).fill(text);

    await expect.poll(() => resultCount(page).textContent()).toBe(`1 network for “${text}”: North East and Yorkshire.`);
    expect(await visibleNetworks(page).count()).toBe(1);
    expect(await visibleNetworks(page).getAttribute('data-region')).toBe('Y63');
    expect(await page.locator('#organisation-matches').textContent()).toContain(organisationLine);
  });

  it('says so when nothing matches', async () => {
    await open();

    await page.getByRole('searchbox', { name: 'Find your network' }).fill('xyzzy plugh');

    await expect
      .poll(() => resultCount(page).textContent())
      .toMatch(/^No network, lead or organisation matches “xyzzy plugh”/);
    expect(await visibleNetworks(page).count()).toBe(0);
  });

  it.each([
    ['dark', 'rgb(31, 31, 31)', 'rgb(255, 255, 255)'],
    ['contrast', 'rgb(0, 0, 0)', 'rgb(255, 255, 255)'],
    ['default', 'rgb(245, 245, 245)', 'rgb(36, 36, 36)'],
  ])('applies the %s theme from ?theme=', async (theme, background, text) => {
    await open(`?theme=${theme}`);

    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    expect(await backgroundOf(page)).toBe(background);
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe(text);
    // WCAG AA for body text, with the organisation lookup's panel showing as well.
    await page.getByRole('searchbox', { name: 'Find your network' }).fill('Leeds');
    await expect.poll(() => page.locator('#organisation-matches li').count()).toBeGreaterThan(0);
    const withLookup = await lowestTextContrast(page);
    await page.getByRole('searchbox', { name: 'Find your network' }).fill('');
    await expect.poll(() => visibleNetworks(page).count()).toBe(7);
    const everything = await lowestTextContrast(page);
    const contrast = withLookup.ratio < everything.ratio ? withLookup : everything;
    console.log(`${theme} theme: lowest text contrast ${contrast.ratio}:1 (${contrast.where})`);
    expect(contrast.ratio, contrast.where).toBeGreaterThanOrEqual(4.5);
    if (theme !== 'default')
      await page.screenshot({ path: path.join(RESULTS_DIR, `tab-${theme}.png`), fullPage: true });
  });

  it('shows a clear message with a retry button when the directory cannot be loaded, and recovers', async () => {
    await page.route('**/api/directory', (route) => route.abort());
    await page.goto(`${app.url}/tab`);

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getByRole('heading').textContent()).toBe(
      'The directory could not be loaded. Try again in a moment.',
    );
    await page.screenshot({ path: path.join(RESULTS_DIR, 'tab-api-down.png') });

    await page.unroute('**/api/directory');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => visibleNetworks(page).count()).toBe(7);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('regional-heading');
    problems.length = 0; // the aborted request is logged by chromium on purpose
  });

  it('shows the next webinar with its joining and calendar links once the server gives one', async () => {
    await page.route('**/api/webinar', (route) =>
      route.fulfill({
        json: {
          summary: 'The steering group delivers a monthly webinar for MSOs.',
          next: {
            start: '2026-12-03T12:30:00Z',
            end: '2026-12-03T13:30:00Z',
            timeZone: 'Europe/London',
            topic: 'Learning from LFPSE',
            joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
            icsUrl: '/webinar.ics',
          },
        },
      }),
    );
    await open();

    const panel = page.locator('section[aria-labelledby="webinar-heading"]');
    expect(await panel.locator('.webinar-when').textContent()).toMatch(
      /^Thursday,? 3 December 2026, 12:30 GMT to 13:30 GMT$/,
    );
    expect(await panel.getByRole('link', { name: 'Join the webinar' }).getAttribute('href')).toBe(
      'https://teams.microsoft.com/l/meetup-join/example',
    );
    expect(await panel.getByRole('link', { name: 'Add to calendar' }).getAttribute('href')).toBe('/webinar.ics');
    expect(await panel.textContent()).not.toContain('coming soon');
  });

  it('can be used from the keyboard: skip link, then the search box, with a visible focus ring', async () => {
    await open();

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the regional networks');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    expect(outline).toBe('solid 2px');

    await page.keyboard.type('London');
    await expect.poll(() => visibleNetworks(page).count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Email London Example Lead',
    );
  });

  it('reaches the search box by Tab alone, through every link before it', async () => {
    await open();

    let reached = false;
    for (let presses = 0; presses < 20 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'search');
    }
    expect(reached).toBe(true);
  });
});
