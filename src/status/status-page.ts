import { createHash } from 'node:crypto';
import type { Rejection, RegistrySnapshot } from '../registry';
import type { Registration } from '../target/registration';
import { explainPath } from '../target/target-paths';
import { Html, html, shown } from './html';
import { PAGE_SIZE, StatusQuery, TargetPage, endpointOf, searchText } from './target-filter';
import type { TargetState } from './target-state';

/** Everything the page shows; the controller gathers it, renderStatusPage only formats. */
export interface StatusPageModel {
  snapshot: RegistrySnapshot;
  stateTopic: string;
  dlqTopic: string;
  sdEndpoint: string;
  counts: Record<TargetState, number>;
  stateWritesPerMinute: number;
  rejectionsLastHour: { count: number; atLeast: boolean };
  query: StatusQuery;
  page: TargetPage;
  stateOf: (r: Registration) => TargetState;
  rejections: Rejection[];
  /** How far back rejections and removals go (SPEC §3.7). */
  window: { hours: number; perPartition: number };
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1d2433;--muted:#5b6475;--bg:#fff;--line:#d9dde5;--ok:#13795b;--warn:#a15c00;--bad:#b3261e;--chip:#eef1f6}
@media (prefers-color-scheme:dark){:root{--fg:#e3e7ee;--muted:#9aa3b2;--bg:#14171c;--line:#2c323c;--ok:#4cc38a;--warn:#f0b429;--bad:#ff6b61;--chip:#222833}}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1400px;margin:0 auto;padding:0 16px}
header{display:flex;gap:12px;align-items:center;border-bottom:1px solid var(--line)}h1{font-size:20px;margin:14px 0}
h2{font-size:16px;margin:24px 0 8px}
.badge{padding:2px 8px;border-radius:10px;font-weight:600;font-size:12px;color:#fff}.ok{background:var(--ok)}.warn{background:var(--warn)}
dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:8px;margin:12px 0}
dl div{border:1px solid var(--line);border-radius:6px;padding:8px 10px}dt{color:var(--muted);font-size:12px}dd{margin:2px 0 0;font-weight:600}
form{display:flex;gap:8px;flex-wrap:wrap;margin:8px 0}input[type=search]{flex:1;min-width:240px;padding:6px 8px;font:inherit}
select,button{font:inherit;padding:5px 8px}
table{border-collapse:collapse;width:100%;table-layout:fixed}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
th{font-size:12px;color:var(--muted);font-weight:600}
.lbl{display:inline-block;background:var(--chip);border-radius:4px;padding:0 5px;margin:1px 4px 1px 0;font-size:12px}
.ctl{color:var(--bad);font-family:monospace;font-size:11px}
.st{font-weight:600}.st-served{color:var(--ok)}.st-held{color:var(--warn)}.st-expired{color:var(--bad)}
.muted,.note{color:var(--muted)}.note{font-size:12px}nav{display:flex;gap:16px;margin:8px 0}
code{font-size:12px}a{color:inherit}
.targets th:nth-child(1){width:20%}.targets th:nth-child(2),.targets th:nth-child(3){width:24%}.targets th:nth-child(4){width:11%}.targets th:nth-child(5){width:12%}
.rejections th:nth-child(1){width:14%}.rejections th:nth-child(2){width:20%}.rejections th:nth-child(4){width:22%}
`;

/** Filters the rows of the page as one types; Enter asks the server for every page. */
const SCRIPT = `
(function(){var f=document.getElementById('filter');var rows=document.querySelectorAll('#targets tbody tr[data-search]');var out=document.getElementById('shown');
f.addEventListener('input',function(){var w=f.value.toLowerCase().split(/\\s+/).filter(Boolean);var n=0;
for(var i=0;i<rows.length;i++){var t=rows[i].getAttribute('data-search');var ok=w.every(function(x){return t.indexOf(x)!==-1});rows[i].hidden=!ok;if(ok)n++}
out.textContent=w.length?n+' of '+rows.length+' rows on this page match; Enter searches every page':'';});})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

// Built apart from the html templates so that no formatting adds a byte to what is hashed.
const STYLE_TAG = new Html(`<style>${STYLE}</style>`);
const SCRIPT_TAG = new Html(`<script>${SCRIPT}</script>`);

/** Nothing but the page's own style and script runs; it cannot be framed. */
export const STATUS_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(SCRIPT)}`,
  // The empty favicon, so the browser asks for no /favicon.ico.
  'img-src data:',
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** "2026-01-02 03:04:05Z": UTC, to the second. */
function time(epochMs: number | null): Html {
  if (epochMs === null) return html`<span class="muted">–</span>`;
  const iso = new Date(epochMs).toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 19).replace('T', ' ')}Z</time>`;
}

/** A duration for a person: "42 s", "3 min 12 s", "5 h 2 min", "2 d 4 h". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

const number = (n: number) => n.toLocaleString('en-US');

function lease(r: Registration, state: TargetState, snapshot: RegistrySnapshot): Html {
  if (r.expiresAt === null) return html`<span class="muted">no lease</span>`;
  if (state === 'served') return html`${duration(r.expiresAt - snapshot.leaseNow)} left`;
  return html`ran out ${duration(snapshot.now - r.expiresAt)} ago`;
}

const STATE_TEXT: Record<TargetState, string> = {
  served: 'served',
  held: 'held by the brake',
  expired: 'expired',
};

function targetRow(r: Registration, model: StatusPageModel): Html {
  const state = model.stateOf(r);
  const labels = Object.entries(r.labels).map(
    ([name, value]) => html`<span class="lbl">${shown(name)}=${shown(value)}</span>`,
  );
  return html`<tr data-search="${searchText(r)}">
    <td>
      <a href="${explainPath(r.applicationUuid)}" title="why is it (not) served?"
        >${shown(r.applicationUuid)}</a
      >
    </td>
    <td>${shown(endpointOf(r))}</td>
    <td>${labels.length === 0 ? html`<span class="muted">–</span>` : labels}</td>
    <td>${lease(r, state, model.snapshot)}</td>
    <td>${time(r.updatedAt)}</td>
    <td><span class="st st-${state}">${STATE_TEXT[state]}</span></td>
  </tr>`;
}

function pageHref(query: StatusQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q !== '') params.set('q', query.q);
  if (query.state !== 'all') params.set('state', query.state);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search === '' ? '/' : `/?${search}`;
}

function health(model: StatusPageModel): Html {
  const { snapshot, counts } = model;
  const sync = snapshot.caughtUp
    ? snapshot.inSync
      ? 'ready'
      : 'ready, but not reading the state topic now (leases on hold)'
    : `catching up: ${number(snapshot.lag)} records to read`;
  const rejected = model.rejectionsLastHour;
  return html`<section aria-labelledby="health-title">
    <h2 id="health-title">Health</h2>
    <dl>
      <div>
        <dt>State topic</dt>
        <dd id="sync">${sync}</dd>
      </div>
      <div>
        <dt>State topic lag</dt>
        <dd id="lag">${number(snapshot.lag)} records</dd>
      </div>
      <div>
        <dt>Targets</dt>
        <dd>
          ${number(counts.served)} served, ${number(counts.held)} held, ${number(counts.expired)}
          expired
        </dd>
      </div>
      <div>
        <dt>Shrink brake</dt>
        <dd>${snapshot.brakeEngaged ? 'engaged: expiry held' : 'off'}</dd>
      </div>
      <div>
        <dt>Commands applied (all replicas, last 5 min)</dt>
        <dd>${model.stateWritesPerMinute.toFixed(1)} / min</dd>
      </div>
      <div>
        <dt>Rejections in the last hour</dt>
        <dd id="rejected-hour">
          ${rejected.atLeast ? 'at least ' : ''}${number(rejected.count)}${snapshot.rejectionsCaughtUp ? '' : ' (still reading the DLQ)'}
        </dd>
      </div>
    </dl>
  </section>`;
}

function targets(model: StatusPageModel): Html {
  const { query, page } = model;
  const total = model.counts.served + model.counts.held + model.counts.expired;
  const from = page.matched === 0 ? 0 : (page.page - 1) * PAGE_SIZE + 1;
  const to = from === 0 ? 0 : from + page.rows.length - 1;
  const option = (value: string, label: string) =>
    html`<option value="${value}" ${query.state === value ? html` selected` : ''}>
      ${label}
    </option>`;
  return html`<section id="targets" aria-labelledby="targets-title">
    <h2 id="targets-title">Targets</h2>
    <form method="get" action="/" role="search">
      <input
        type="search"
        id="filter"
        name="q"
        value="${query.q}"
        placeholder="Filter by applicationUuid, endpoint or label (name=value)"
        autocomplete="off"
        aria-label="Filter targets"
      />
      <select name="state" aria-label="State">
        ${option('all', 'any state')}${option('served', 'served')}${option('held', 'held by the brake')}${option('expired', 'expired')}
      </select>
      <button type="submit">Search all</button>
    </form>
    <p class="note">
      <span id="count"
        >${number(from)}–${number(to)} of
        ${number(page.matched)}${page.matched === total ? '' : ` matching (of ${number(total)})`}</span
      >
      <span id="shown"></span>
    </p>
    <table class="targets">
      <thead>
        <tr>
          <th>applicationUuid</th>
          <th>endpoint</th>
          <th>labels</th>
          <th>lease</th>
          <th>updated</th>
          <th>status</th>
        </tr>
      </thead>
      <tbody>
        ${
          page.rows.length === 0
            ? html`<tr>
                <td colspan="6" class="muted">
                  no target${query.q === '' && query.state === 'all' ? ' registered' : ' matches'}
                </td>
              </tr>`
            : page.rows.map((r) => targetRow(r, model))
        }
      </tbody>
    </table>
    <nav aria-label="Pages">
      ${page.page > 1 ? html`<a rel="prev" href="${pageHref(query, page.page - 1)}">← previous</a>` : ''}<span
        >page ${number(page.page)} of ${number(page.pages)}</span
      >${page.page < page.pages ? html`<a rel="next" href="${pageHref(query, page.page + 1)}">next →</a>` : ''}
    </nav>
  </section>`;
}

function rejectionRow(r: Rejection): Html {
  const id = r.applicationUuids[0] ?? null;
  const who =
    id !== null
      ? html`<a href="${explainPath(id)}">${shown(id)}</a>`
      : r.key === null
        ? html`<span class="muted">no key</span>`
        : shown(r.key);
  const source =
    r.sourceTopic === null
      ? html`<span class="muted">–</span>`
      : html`${shown(r.sourceTopic)} [${r.sourcePartition ?? '?'}]@${r.sourceOffset ?? '?'}`;
  return html`<tr>
    <td>${time(r.at)}</td>
    <td>${who}</td>
    <td>${shown(r.reason)}</td>
    <td>${source}</td>
  </tr>`;
}

function rejections(model: StatusPageModel): Html {
  return html`<section id="rejections" aria-labelledby="rejections-title">
    <h2 id="rejections-title">Recent rejections</h2>
    <table class="rejections">
      <thead>
        <tr>
          <th>time</th>
          <th>applicationUuid / key</th>
          <th>reason (x-error)</th>
          <th>source topic [partition]@offset</th>
        </tr>
      </thead>
      <tbody>
        ${
          model.rejections.length === 0
            ? html`<tr>
                <td colspan="4" class="muted">no rejected command in the window</td>
              </tr>`
            : model.rejections.map(rejectionRow)
        }
      </tbody>
    </table>
    <p class="note">
      The newest ${model.rejections.length} from the DLQ topic ${shown(model.dlqTopic)}, read by
      every replica: the last ${model.window.hours} h, at most ${number(model.window.perPartition)}
      records per partition.
    </p>
  </section>`;
}

export function renderStatusPage(model: StatusPageModel): string {
  const ready = model.snapshot.caughtUp;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Metrics Registry</title>
        <link rel="icon" href="data:," />
        ${STYLE_TAG}
      </head>
      <body>
        <header>
          <h1>Metrics Registry</h1>
          <span class="badge ${ready ? 'ok' : 'warn'}" id="ready"
            >${ready ? 'ready' : 'catching up'}</span
          >
        </header>
        <main>${health(model)}${targets(model)}${rejections(model)}</main>
        <footer class="note">
          <p>
            State topic ${shown(model.stateTopic)} · service discovery at
            <a href="${model.sdEndpoint}">${model.sdEndpoint}</a> · this replica at
            ${time(model.snapshot.now)}
          </p>
        </footer>
        ${SCRIPT_TAG}
      </body>
    </html>`.text;
}
