/**
 * The status page in a real browser: Debian's chromium driven by playwright-core through its
 * executable (never a downloaded browser). The screenshot lands in artifacts/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Locator, Page, chromium } from 'playwright-core';
import { registerCommand } from './support/kafka';
import { servedIds, useRegistry } from './support/registry-app';
import { waitFor } from './support/wait';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const HOSTILE_LABEL = `<script>window.__pwned=1</script>"'\u202Eexe.txt`;
const HOSTILE_PATH = `/m/"><svg/onload=window.__pwned=1>`;

/** The text of each element, as read: white space collapsed and trimmed. */
async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('the status page in chromium', () => {
  const fixture = useRegistry();
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no chromium at ${CHROMIUM} (scripts/setup.sh installs Debian's chromium)`);
    }
    const { registry, producer } = fixture;
    const { commands } = registry.config.topics;
    await producer.send(commands, [
      registerCommand('web-1', { labels: { env: 'prod', team: 'shop' }, ttlSeconds: 600 }),
      registerCommand('web-2', { labels: { env: 'staging' } }),
      registerCommand('db-1', { labels: { env: 'prod', role: 'db' }, scheme: 'https' }),
      registerCommand('evil-1', {
        path: HOSTILE_PATH,
        labels: { note: HOSTILE_LABEL, greeting: 'שלום עולם' },
      }),
      registerCommand('bad-1', { port: 70000 }),
    ]);
    await waitFor('4 targets served', async () => (await servedIds(registry.url)).length === 4);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Root in CI containers: chromium refuses its sandbox there.
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    // The rejection arrives through the DLQ tail, a moment after the command.
    await waitFor('the rejection on the page', async () => {
      await page.goto(registry.url);
      return (await page.locator('#rejections tbody tr').first().textContent())?.includes('bad-1');
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists every target, one row each, linked to explain', async () => {
    const rows = page.locator('#targets tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await texts(page.locator('#targets tbody tr td:first-child'))).toEqual([
      'db-1',
      'evil-1',
      'web-1',
      'web-2',
    ]);
    const db = page.locator('#targets tbody tr', { hasText: 'db-1' });
    expect(await text(db.locator('td').nth(1))).toBe('https://db-1.svc:9100/metrics');
    expect(await text(db.locator('td').nth(5))).toBe('served');
    expect(await page.locator('#targets tbody tr', { hasText: 'web-1' }).textContent()).toMatch(
      /\d+ min \d+ s left/,
    );
    expect(await page.locator('a', { hasText: 'web-2' }).getAttribute('href')).toBe(
      '/api/v1/targets/web-2/explain',
    );
    expect(await text(page.locator('#ready'))).toBe('ready');
  });

  it('shows hostile labels and paths as text, runs none of them, and spells the RTL override', async () => {
    const evil = page.locator('#targets tbody tr', { hasText: 'evil-1' });
    const shownText = await text(evil);
    expect(shownText).toContain('<script>window.__pwned=1</script>"\'\\u202Eexe.txt');
    expect(shownText).toContain('שלום עולם');
    expect(await text(evil.locator('td').nth(1))).toBe(`http://evil-1.svc:9100${HOSTILE_PATH}`);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('svg, img').count()).toBe(0);
    // The page's own style and script ran (CSP by hash): no refusal logged.
    expect(problems).toEqual([]);
  });

  it('shows the rejected command with its reason and source', async () => {
    const row = page.locator('#rejections tbody tr').first();
    const cells = await texts(row.locator('td'));
    expect(cells[1]).toBe('bad-1');
    expect(cells[2]).toBe('port: must be an integer from 1 to 65535');
    expect(cells[3]).toBe(`${fixture.registry.config.topics.commands} [0]@4`);
    expect(await page.locator('#rejected-hour').textContent()).toContain('1');
  });

  it('filters the rows as one types, and on every page with Enter', async () => {
    await page.locator('#filter').fill('env=prod');
    const visible = () => texts(page.locator('#targets tbody tr:not([hidden]) td:first-child'));
    expect(await visible()).toEqual(['db-1', 'web-1']);
    expect(await text(page.locator('#shown'))).toBe(
      '2 of 4 rows on this page match; Enter searches every page',
    );
    await page.locator('#filter').fill('shop env=prod');
    expect(await visible()).toEqual(['web-1']);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#filter').fill('');
    await page.screenshot({ path: join(ARTIFACTS, 'status-page.png'), fullPage: true });

    await page.locator('#filter').fill('role=db');
    await Promise.all([page.waitForURL(/[?&]q=role%3Ddb/), page.locator('#filter').press('Enter')]);
    expect(await texts(page.locator('#targets tbody tr td:first-child'))).toEqual(['db-1']);
    expect(await text(page.locator('#count'))).toBe('1–1 of 1 matching (of 4)');
  });
});
