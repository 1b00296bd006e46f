import { loadRegistryConfig } from '../src/config/registry.config';
import { readTopic } from './support/kafka';
import { getTargets, useRegistry } from './support/registry-app';
import { waitFor } from './support/wait';

/**
 * The target policy (SPEC §2.1) through every path a registration takes: Kafka commands, the REST
 * API and records written straight to the state topic; with the bypass forms of a denied address.
 */
const TOKEN = 'e2e-policy-token';
const { targetPolicy } = loadRegistryConfig({
  REGISTRY_ALLOWED_HOSTS:
    '*.svc.cluster.local, gateway, 10.0.0.0/8, 192.0.2.0/24, 2001:db8::/32, ::ffff:198.51.100.0/120',
  REGISTRY_ALLOWED_PORTS: '9100-9199,8080',
  REGISTRY_DENIED_HOSTS: '10.9.0.0/16, db.svc.cluster.local',
});

const NUMERIC =
  'host: is made of numbers but is not a dotted-decimal IPv4 address (a.b.c.d, each 0-255, no leading zeros)';
const NOT_A_HOST =
  'host: must be a host name (letters, digits, ".", "-", "_"), an IPv4 or an IPv6 address, without scheme, port or path';
const denied = (entry: string) => `host: denied by REGISTRY_DENIED_HOSTS (${entry})`;
const NOT_ALLOWED = 'host: not allowed by REGISTRY_ALLOWED_HOSTS';
const PORT_NOT_ALLOWED = 'port: not allowed by REGISTRY_ALLOWED_PORTS';

interface Case {
  host: string;
  port: number;
  /** null: served. */
  reason: string | null;
}

/** Served, refused by the policy (403), or not a host at all (400). */
const CASES: Case[] = [
  { host: 'app.svc.cluster.local', port: 9100, reason: null },
  { host: 'APP.Svc.Cluster.Local', port: 9199, reason: null },
  { host: 'gateway', port: 8080, reason: null },
  { host: '10.1.2.3', port: 9150, reason: null },
  { host: '::ffff:10.1.2.3', port: 9100, reason: null },
  { host: '192.0.2.7', port: 9100, reason: null },
  { host: '2001:db8::7', port: 9100, reason: null },
  { host: '198.51.100.9', port: 9100, reason: null },
  // The default REGISTRY_DENIED_HOSTS, in every spelling of the address.
  { host: '127.0.0.1', port: 9100, reason: denied('127.0.0.0/8') },
  { host: '127.1.2.3', port: 9100, reason: denied('127.0.0.0/8') },
  { host: '::ffff:127.0.0.1', port: 9100, reason: denied('127.0.0.0/8') },
  { host: '::ffff:7f00:1', port: 9100, reason: denied('127.0.0.0/8') },
  { host: '::1', port: 9100, reason: denied('::1') },
  { host: '0:0:0:0:0:0:0:1', port: 9100, reason: denied('::1') },
  { host: '0.0.0.0', port: 9100, reason: denied('0.0.0.0/8') },
  { host: '::', port: 9100, reason: denied('::') },
  { host: '169.254.169.254', port: 80, reason: denied('169.254.0.0/16') },
  { host: '::ffff:a9fe:a9fe', port: 80, reason: denied('169.254.0.0/16') },
  { host: 'fe80::1', port: 9100, reason: denied('fe80::/10') },
  { host: 'fd00:ec2::254', port: 80, reason: denied('fd00:ec2::254') },
  { host: 'localhost', port: 9100, reason: denied('localhost') },
  { host: 'LocalHost', port: 9100, reason: denied('localhost') },
  { host: 'app.localhost', port: 9100, reason: denied('*.localhost') },
  { host: 'metadata.google.internal', port: 80, reason: denied('metadata.google.internal') },
  // The operator's own REGISTRY_DENIED_HOSTS, over the allowed hosts.
  { host: '10.9.1.1', port: 9100, reason: denied('10.9.0.0/16') },
  { host: 'DB.svc.cluster.local', port: 9100, reason: denied('db.svc.cluster.local') },
  // Outside REGISTRY_ALLOWED_HOSTS and REGISTRY_ALLOWED_PORTS.
  { host: '11.0.0.1', port: 9100, reason: NOT_ALLOWED },
  { host: 'evil.example.com', port: 9100, reason: NOT_ALLOWED },
  { host: 'svc.cluster.local', port: 9100, reason: NOT_ALLOWED },
  { host: 'app.svc.cluster.local.evil.com', port: 9100, reason: NOT_ALLOWED },
  { host: '2001:db9::1', port: 9100, reason: NOT_ALLOWED },
  { host: 'gateway', port: 9200, reason: PORT_NOT_ALLOWED },
  { host: 'gateway', port: 80, reason: PORT_NOT_ALLOWED },
  // Numeric forms a resolver reads as 127.0.0.1 (or 10.1.2.3): not hosts at all.
  { host: '2130706433', port: 9100, reason: NUMERIC },
  { host: '0x7f.1', port: 9100, reason: NUMERIC },
  { host: '0x7f000001', port: 9100, reason: NUMERIC },
  { host: '0177.0.0.1', port: 9100, reason: NUMERIC },
  { host: '127.1', port: 9100, reason: NUMERIC },
  { host: '012.1.2.3', port: 9100, reason: NUMERIC },
  { host: '999.999.999.999', port: 9100, reason: NUMERIC },
  // A trailing dot is no part of a host.
  { host: 'localhost.', port: 9100, reason: NOT_A_HOST },
  { host: 'gateway.', port: 8080, reason: NOT_A_HOST },
];

const isPolicy = (reason: string | null) =>
  reason !== null && / (denied|not allowed) by REGISTRY_/.test(reason);

function idOf(prefix: string, i: number): string {
  return `${prefix}-${String(i).padStart(2, '0')}`;
}

const servedIds = (prefix: string) =>
  CASES.flatMap((c, i) => (c.reason === null ? [idOf(prefix, i)] : []));

async function served(url: string): Promise<{ ids: string[]; targets: string[] }> {
  const { status, body } = await getTargets(url);
  if (status !== 200) throw new Error(`SD answered ${status}`);
  const groups = body as { targets: string[]; labels: Record<string, string> }[];
  return {
    ids: groups.map((g) => g.labels.__meta_registry_application_uuid),
    targets: groups.map((g) => g.targets[0]),
  };
}

async function waitServed(url: string, ids: string[]): Promise<string[]> {
  return waitFor(`SD to serve ${ids.length} targets`, async () => {
    const now = await served(url);
    return now.ids.join() === ids.join() ? now.targets : undefined;
  });
}

async function stateRecords(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, outcome, value] of text.matchAll(
    /^metrics_registry_state_records_total\{outcome="(\w+)"\} (\d+)$/gm,
  )) {
    counts[outcome] = Number(value);
  }
  return counts;
}

it('has the table of at least 30 host/port cases, each bypass form among them', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(30);
  expect(new Set(CASES.map((c) => `${c.host}:${c.port}`)).size).toBe(CASES.length);
});

describe('the target policy through Kafka commands', () => {
  const fixture = useRegistry({ targetPolicy });

  it('serves only what the policy allows, and dead-letters the rest naming the field', async () => {
    const { topics } = fixture.registry.config;
    await fixture.producer.send(
      topics.register,
      CASES.map(({ host, port }, i) => ({
        key: idOf('k', i),
        value: JSON.stringify({ applicationUuid: idOf('k', i), host, port }),
      })),
    );
    const targets = await waitServed(fixture.registry.url, servedIds('k'));
    expect(targets).toEqual(
      CASES.filter((c) => c.reason === null).map(({ host, port }) =>
        host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
      ),
    );
    const refused = CASES.flatMap((c, i) => (c.reason === null ? [] : [[idOf('k', i), c.reason]]));
    const dead = await readTopic(topics.dlq, refused.length);
    expect(dead.map((r) => [r.key?.toString(), r.headers['x-error']]).sort()).toEqual(
      refused.sort(),
    );
  });
});

describe('the target policy through the REST API', () => {
  const fixture = useRegistry({ targetPolicy, apiToken: TOKEN });

  it('answers 200, 403 naming the field and the variable, or 400 naming the field', async () => {
    const answers = [];
    for (const [i, { host, port }] of CASES.entries()) {
      const res = await fetch(`${fixture.registry.url}/api/v1/targets/${idOf('r', i)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ host, port }),
      });
      const body = (await res.json()) as { error?: string };
      answers.push({ host, port, status: res.status, error: body.error ?? null });
    }
    expect(answers).toEqual(
      CASES.map(({ host, port, reason }) => ({
        host,
        port,
        status: reason === null ? 200 : isPolicy(reason) ? 403 : 400,
        error: reason,
      })),
    );
    await waitServed(fixture.registry.url, servedIds('r'));
  });
});

describe('the target policy over records written straight to the state topic', () => {
  const fixture = useRegistry({ targetPolicy });

  it('serves only what the policy allows and counts the rest as denied or invalid', async () => {
    const { topics } = fixture.registry.config;
    const before = await stateRecords(fixture.registry.url);
    await fixture.producer.send(
      topics.state,
      CASES.map(({ host, port }, i) => ({
        key: idOf('s', i),
        value: JSON.stringify({ HOST: host, PORT: port }),
      })),
    );
    await waitServed(fixture.registry.url, servedIds('s'));
    const policyCount = CASES.filter((c) => isPolicy(c.reason)).length;
    const invalidCount = CASES.filter((c) => c.reason !== null && !isPolicy(c.reason)).length;
    const after = await waitFor('every record to be counted', async () => {
      const counts = await stateRecords(fixture.registry.url);
      return (counts.denied ?? 0) - (before.denied ?? 0) === policyCount ? counts : undefined;
    });
    expect({
      applied: after.applied - before.applied,
      denied: after.denied - (before.denied ?? 0),
      invalid: after.invalid - before.invalid,
    }).toEqual({
      applied: CASES.length - policyCount - invalidCount,
      denied: policyCount,
      invalid: invalidCount,
    });
  });

  it('stops serving a registration once a record the policy refuses replaces it', async () => {
    const { topics } = fixture.registry.config;
    await fixture.producer.sendJson(topics.state, 'moved', { HOST: 'gateway', PORT: 8080 });
    await waitFor('the allowed record to be served', async () =>
      (await served(fixture.registry.url)).ids.includes('moved'),
    );
    await fixture.producer.sendJson(topics.state, 'moved', { HOST: '169.254.169.254', PORT: 80 });
    await waitFor('the denied record to withdraw it', async () =>
      (await served(fixture.registry.url)).ids.includes('moved') ? undefined : true,
    );
  });
});
