import fc from 'fast-check';
import { registrationOf } from './registration';
import { sdTargetGroup } from './sd-target-group';
import type { Target } from './target';
import { HostPattern, TargetPolicy, targetPolicyProblem } from './target.policy';
import { parseCommandValue, validateDeregister, validateTarget } from './target.validation';

/**
 * Property-based tests of the command decoder and the SPEC §2.1 rules. `npm test` runs a few
 * hundred cases per property (a few seconds); `npm run fuzz` sets FUZZ_RUNS much higher.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
fc.configureGlobal({ numRuns: RUNS });
jest.setTimeout(Math.max(5_000, RUNS * 20));

/** What Prometheus accepts: its label name syntax, and a host:port it can dial. */
const PROMETHEUS_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):([1-9]\d{0,4})$/;
/** A reason starts with the field it is about: a name, or a JSON-quoted one. */
const NAMES_A_FIELD = /^("(?:[^"\\]|\\.)*"|[A-Za-z0-9_.-]{1,64}): \S/;

function decode(bytes: Buffer): { ok: true; value: Target } | { ok: false; error: string } {
  const parsed = parseCommandValue(bytes);
  return parsed.ok ? validateTarget(parsed.value) : parsed;
}

function expectServable(target: Target): void {
  const group = sdTargetGroup(registrationOf(target, 0));
  const json = JSON.stringify([group]);
  expect(JSON.parse(json)).toEqual([group]);
  expect(group.targets).toHaveLength(1);
  const address = HOST_PORT.exec(group.targets[0]);
  expect(address).not.toBeNull();
  expect(Number(address![2])).toBeLessThanOrEqual(65535);
  for (const [name, value] of Object.entries(group.labels)) {
    expect(name).toMatch(PROMETHEUS_LABEL_NAME);
    // Survives UTF-8 unchanged: what Prometheus reads is what was registered.
    expect(Buffer.from(value, 'utf8').toString('utf8')).toBe(value);
  }
  expect(group.labels.__metrics_path__.startsWith('/')).toBe(true);
  expect(['http', 'https']).toContain(group.labels.__scheme__);
}

/** Mostly valid, sometimes not: both verdicts are explored, and accepted ones are many. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: other, weight: 1 });

const labelName = mostly(
  fc.oneof(
    fc.constantFrom('env', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '_'),
    fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/),
  ),
  fc.oneof(fc.constantFrom('__proto__', '__name__', 'a-b', ''), fc.string({ maxLength: 12 })),
);
const labelValue = mostly(
  fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 })),
  fc.oneof(fc.string({ unit: 'binary', maxLength: 10 }), fc.constant('\ud800'), fc.integer()),
);
const host = mostly(
  fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6()),
  fc.oneof(
    fc.ipV4Extended(),
    fc.constantFrom('2130706433', '0x7f.1', '0177.0.0.1', '999.999.999.999', 'localhost.'),
    fc.string({ maxLength: 20 }),
  ),
);
const port = mostly(
  fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }).map(String)),
  fc.oneof(fc.integer({ min: -5, max: 70_000 }), fc.string({ maxLength: 6 }), fc.double()),
);
/** Commands near the valid ones, so that both verdicts are explored. */
const command = fc.record(
  {
    applicationUuid: mostly(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/), fc.string()),
    host,
    port,
    path: mostly(
      fc.oneof(
        fc.constant('/metrics'),
        fc.webPath().map((p) => `/${p}`),
      ),
      fc.string(),
    ),
    scheme: mostly(fc.constantFrom('http', 'https'), fc.constantFrom('ftp', 'HTTP', '')),
    labels: mostly(
      fc.dictionary(labelName, labelValue, { maxKeys: 5 }),
      fc.anything({ maxDepth: 3 }),
    ),
    ttlSeconds: mostly(fc.integer({ min: 5, max: 86_400 }), fc.oneof(fc.integer(), fc.string())),
  },
  { requiredKeys: ['applicationUuid', 'host', 'port'] },
);

describe('the command decoder and the rules (property-based)', () => {
  it('never throws on random bytes, and every rejection names a field', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decode(Buffer.from(bytes));
        if (!result.ok) expect(result.error).toMatch(NAMES_A_FIELD);
      }),
    );
  });

  it('never throws on random JSON, and every rejection names a field', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), (value) => {
        const bytes = Buffer.from(JSON.stringify(value) ?? 'null');
        for (const result of [decode(bytes), validateDeregister(value)]) {
          if (!result.ok) expect(result.error).toMatch(NAMES_A_FIELD);
        }
      }),
    );
  });

  it('renders every accepted command to SD JSON Prometheus accepts; names a field otherwise', () => {
    fc.assert(
      fc.property(command, fc.option(fc.dictionary(fc.string(), fc.anything())), (input, extra) => {
        const result = decode(Buffer.from(JSON.stringify({ ...extra, ...input })));
        if (result.ok) expectServable(result.value);
        else expect(result.error).toMatch(NAMES_A_FIELD);
      }),
    );
  });

  it('never throws on a valid command with a byte changed, cut or doubled', () => {
    const valid = Buffer.from(
      JSON.stringify({
        applicationUuid: 'shdr-gateway-1',
        host: 'shdr-gateway',
        port: 4000,
        labels: { env: 'prod', line: '3' },
        ttlSeconds: 60,
      }),
    );
    fc.assert(
      fc.property(
        fc.nat(valid.length - 1),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('replace', 'cut', 'double'),
        (at, byte, how) => {
          const bytes = Buffer.from(valid);
          const mutated =
            how === 'replace'
              ? (bytes.writeUInt8(byte, at), bytes)
              : how === 'cut'
                ? bytes.subarray(0, at)
                : Buffer.concat([bytes.subarray(0, at), bytes.subarray(at - 1)]);
          const result = decode(mutated);
          if (result.ok) expectServable(result.value);
          else expect(result.error).toMatch(NAMES_A_FIELD);
        },
      ),
    );
  });
});

describe('the target policy (property-based)', () => {
  const loopback: HostPattern = { kind: 'network', address: '127.0.0.0', prefixLength: 8 };
  const policy: TargetPolicy = { allowedHosts: null, allowedPorts: null, deniedHosts: [loopback] };
  const hex = (n: number) => n.toString(16);

  it('serves no spelling of a loopback address: each is denied or no host at all', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 0xffff }),
        (b, cd) => {
          const [c, d] = [cd >> 8, cd & 0xff];
          const spellings = [
            `127.${b}.${c}.${d}`,
            `::ffff:127.${b}.${c}.${d}`,
            `::FFFF:${hex(0x7f00 | b)}:${hex(cd)}`,
            `0:0:0:0:0:ffff:${hex(0x7f00 | b)}:${hex(cd)}`,
            String(0x7f000000 + b * 0x10000 + cd),
            `0x7f.${(b << 16) | cd}`,
            `0x${hex(0x7f000000 + b * 0x10000 + cd)}`,
            `0177.${b}.${c}.${d}`,
            `127.${(b << 16) | cd}`,
            `127.${b}.${cd}`,
          ];
          for (const spelling of spellings) {
            const validated = validateTarget({ applicationUuid: 'a', host: spelling, port: 9100 });
            if (validated.ok) {
              expect(targetPolicyProblem(policy, validated.value)).toBe(
                'host: denied by REGISTRY_DENIED_HOSTS (127.0.0.0/8)',
              );
            } else {
              expect(validated.error).toMatch(/^host: /);
            }
          }
        },
      ),
    );
  });

  it('decides on any valid host without throwing', () => {
    const strict: TargetPolicy = {
      allowedHosts: [
        { kind: 'suffix', suffix: '.svc' },
        { kind: 'network', address: '10.0.0.0', prefixLength: 8 },
        { kind: 'network', address: 'fd00::', prefixLength: 8 },
      ],
      allowedPorts: [{ from: 9100, to: 9199 }],
      deniedHosts: [loopback, { kind: 'name', name: 'db.svc' }],
    };
    fc.assert(
      fc.property(host, fc.integer({ min: 1, max: 65535 }), (h, p) => {
        const validated = validateTarget({ applicationUuid: 'a', host: h, port: p });
        if (!validated.ok) return;
        const problem = targetPolicyProblem(strict, validated.value);
        if (problem !== null) {
          expect(problem).toMatch(/^(host|port): (denied|not allowed) by REGISTRY_[A-Z_]+/);
        }
      }),
    );
  });
});
