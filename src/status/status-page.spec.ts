import { createHash } from 'node:crypto';
import type { Rejection, RegistrySnapshot } from '../registry';
import type { Registration } from '../target/registration';
import { STATUS_PAGE_CSP, StatusPageModel, duration, renderStatusPage } from './status-page';
import { parseStatusQuery, targetPage } from './target-filter';
import { targetState } from './target-state';

const NOW = Date.UTC(2026, 0, 2, 12, 0, 0);
const snapshot: RegistrySnapshot = {
  now: NOW,
  leaseNow: NOW,
  caughtUp: true,
  inSync: true,
  lag: 0,
  brakeEngaged: false,
  rejectionsCaughtUp: true,
};
const HOSTILE = `<script>alert(1)</script>"'\u202Etxt.exe`;

function target(id: string, over: Partial<Registration> = {}): Registration {
  return {
    applicationUuid: id,
    host: 'app.example',
    port: 9100,
    path: '/metrics',
    scheme: 'http',
    labels: {},
    expiresAt: null,
    updatedAt: NOW - 1000,
    ...over,
  };
}

function model(all: Registration[], query = {}, rejections: Rejection[] = []): StatusPageModel {
  const stateOf = (r: Registration) => targetState(r, snapshot);
  const parsed = parseStatusQuery(query);
  return {
    snapshot,
    stateTopic: 'metrics_targets_topic',
    dlqTopic: 'metrics-registry.dlq',
    sdEndpoint: '/prometheus/targets',
    counts: { served: all.length, held: 0, expired: 0 },
    stateWritesPerMinute: 0,
    rejectionsLastHour: { count: rejections.length, atLeast: false },
    query: parsed,
    page: targetPage(all, parsed, stateOf),
    stateOf,
    rejections,
    window: { hours: 24, perPartition: 10_000 },
  };
}

describe('the status page', () => {
  it('shows hostile label values, paths, keys and reasons as text, never as markup', () => {
    const page = renderStatusPage(
      model(
        [target('evil-1', { labels: { note: HOSTILE }, path: `/m"><script>x()</script>` })],
        {},
        [
          {
            at: NOW,
            partition: 0,
            offset: '1',
            key: `<img src=x onerror=alert(1)>`,
            applicationUuids: [],
            reason: `labels.x: ${HOSTILE}`,
            sourceTopic: 'metrics-registry.commands',
            sourcePartition: 0,
            sourceOffset: '3',
          },
        ],
      ),
    );
    // The page's one script is its own.
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('"><script>x()');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;');
    expect(page).toContain('\\u202E');
    expect(page).not.toContain('\u202E');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('links each row to explain, the id encoded', () => {
    const page = renderStatusPage(model([target('a:b.c')]));
    expect(page).toContain('href="/api/v1/targets/a%3Ab.c/explain"');
  });

  it('pages the targets 100 at a time and filters by id or label on the server', () => {
    const all = Array.from({ length: 250 }, (_, i) =>
      target(`app-${String(i).padStart(3, '0')}`, { labels: { line: String(i % 5) } }),
    );
    const second = model(all, { page: '2' });
    expect(second.page.rows.map((r) => r.applicationUuid)[0]).toBe('app-100');
    expect(second.page).toMatchObject({ matched: 250, pages: 3 });
    const page = renderStatusPage(second).replace(/\s+/g, ' ');
    expect(page).toContain('101–200 of 250');
    expect(page).toContain('rel="prev" href="/"');
    expect(page).toContain('href="/?page=3"');
    const filtered = model(all, { q: 'LINE=3 app-0' });
    expect(filtered.page.matched).toBe(20);
    expect(filtered.page.rows.every((r) => r.labels.line === '3')).toBe(true);
  });

  it('falls back to the defaults on a bad query instead of failing', () => {
    expect(parseStatusQuery({ page: '-1', state: 'x', q: ['a', 'b'] })).toEqual({
      q: 'a',
      state: 'all',
      page: 1,
    });
    expect(parseStatusQuery({ q: 'x'.repeat(1000) }).q).toHaveLength(256);
  });

  it('shows the lease left, no lease, and what ran out', () => {
    const page = renderStatusPage(
      model([
        target('a', { expiresAt: NOW + 42_000 }),
        target('b'),
        target('c', { expiresAt: NOW - 3000 }),
      ]),
    );
    expect(page).toContain('42 s left');
    expect(page).toContain('no lease');
    expect(page).toContain('ran out 3 s ago');
    expect(page).toContain('<span class="st st-expired">expired</span>');
  });

  it('allows only its own style and script, hashed as they are in the page', () => {
    const page = renderStatusPage(model([]));
    const hash = (text: string) =>
      `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1];
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1];
    expect(STATUS_PAGE_CSP).toContain(`style-src ${hash(style)}`);
    expect(STATUS_PAGE_CSP).toContain(`script-src ${hash(script)}`);
    expect(STATUS_PAGE_CSP).toMatch(
      /default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/,
    );
  });

  it('writes durations for people', () => {
    expect([duration(0), duration(61_000), duration(3_725_000), duration(90_000_000)]).toEqual([
      '0 s',
      '1 min 1 s',
      '1 h 2 min',
      '1 d 1 h',
    ]);
  });
});
