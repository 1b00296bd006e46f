/**
 * Every metric the chart's alerts and Grafana dashboard query is one the registry exports: read
 * from the chart's own files, checked against a running registry's /metrics.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useRegistry } from './support/registry-app';

const CHART = join(__dirname, '..', 'helm', 'metrics-registry');
const SOURCES = [
  join(CHART, 'templates', 'prometheusrule.yaml'),
  ...readdirSync(join(CHART, 'dashboards')).map((f) => join(CHART, 'dashboards', f)),
];

/** Metric names in PromQL, a histogram's series (_bucket, _sum, _count) by the histogram's name. */
function metricNames(text: string): string[] {
  const names = text.match(/\b(?:metrics_registry|http_request)[a-z_]*\b/g) ?? [];
  return [...new Set(names.map((n) => n.replace(/_(bucket|sum|count)$/, '')))].sort();
}

describe("the chart's alerts and dashboard", () => {
  const fixture = useRegistry();

  it('query only metrics the registry exports', async () => {
    const used = metricNames(SOURCES.map((file) => readFileSync(file, 'utf8')).join('\n'));
    expect(used.length).toBeGreaterThanOrEqual(12);
    // A request first, so that the HTTP metrics have a series.
    await fetch(`${fixture.registry.url}/prometheus/targets`);
    const exposition = await (await fetch(`${fixture.registry.url}/metrics`)).text();
    const exported = new Set([...exposition.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]));
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
  });
});
