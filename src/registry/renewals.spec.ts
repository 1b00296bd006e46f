import { Registration, registrationOf } from '../target/registration';
import type { Target } from '../target/target';
import { LeaseRequest, RenewalCoalescer } from './renewals';

const TTL = 60;
const target: Target = { applicationUuid: 'app', host: 'h', port: 9100, ttlSeconds: TTL };

/** A register sent at `at`, with the registry granting half a ttl on top. */
function request(at: number, overrides: Partial<Target> = {}): LeaseRequest {
  const t = { ...target, ...overrides };
  return {
    registration: registrationOf(t, at, 0.5),
    requestedUntil: t.ttlSeconds === undefined ? null : at + t.ttlSeconds * 1000,
  };
}

describe('RenewalCoalescer', () => {
  let renewals: RenewalCoalescer;
  beforeEach(() => (renewals = new RenewalCoalescer(30_000)));

  it('grants ttl × (1 + slack) from the stamp', () => {
    expect(request(1_000).registration).toMatchObject({ expiresAt: 91_000, updatedAt: 1_000 });
  });

  it('covers the renewals that fall within the granted lease, then asks for a write', () => {
    const stored = request(0).registration; // lease to 90 s
    // The client renews every ttl/3 = 20 s: 20 s (asks until 80 s) is covered, 40 s (100 s) is not.
    expect(renewals.covering(request(20_000), stored, 20_000, true)).toBe(stored);
    expect(renewals.covering(request(30_000), stored, 30_000, true)).toBe(stored);
    expect(renewals.covering(request(40_000), stored, 40_000, true)).toBeNull();
  });

  it('writes a register whose served fields differ, whatever the lease', () => {
    const stored = request(0).registration;
    for (const change of [
      { port: 9101 },
      { labels: { env: 'x' } },
      { path: '/m' },
      { host: 'g' },
    ]) {
      expect(renewals.covering(request(1_000, change), stored, 1_000, true)).toBeNull();
    }
  });

  it('covers a register without a lease only by one without a lease', () => {
    const forever = request(0, { ttlSeconds: undefined }).registration;
    expect(forever.expiresAt).toBeNull();
    expect(renewals.covering(request(5, { ttlSeconds: undefined }), forever, 5, true)).toBe(
      forever,
    );
    expect(renewals.covering(request(5), forever, 5, true)).toBeNull();
    expect(
      renewals.covering(request(5, { ttlSeconds: undefined }), request(0).registration, 5, true),
    ).toBeNull();
  });

  it('writes everything while the view is not trusted, or holds nothing for the key', () => {
    const stored = request(0).registration;
    expect(renewals.covering(request(1_000), stored, 1_000, false)).toBeNull();
    expect(renewals.covering(request(1_000), undefined, 1_000, true)).toBeNull();
  });

  it('writes a register that follows its own deregister, though the view still holds the key', () => {
    const stored = request(0).registration;
    renewals.wrote('app', null, 1_000);
    expect(renewals.covering(request(2_000), stored, 2_000, true)).toBeNull();
    // Once written again, the next renewal is covered by both.
    const again = request(2_000).registration;
    renewals.wrote('app', again, 2_000);
    expect(renewals.covering(request(3_000), again, 3_000, true)).toBe(again);
  });

  it('forgets its own writes after the window, and remembers at most that window', () => {
    const stored = request(0).registration;
    renewals.wrote('app', null, 1_000);
    for (let i = 0; i < 100; i++) renewals.wrote(`other-${i}`, stored, 2_000 + i);
    expect(renewals.covering(request(25_000), stored, 31_000, true)).toBe(stored);
    expect(renewals.remembered).toBe(100);
    renewals.wrote('late', stored, 40_000);
    expect(renewals.remembered).toBe(1);
  });
});

describe('registrationOf', () => {
  it('stamps updatedAt and a lease without slack by default', () => {
    const r: Registration = registrationOf(target, 5_000);
    expect(r).toMatchObject({
      updatedAt: 5_000,
      expiresAt: 65_000,
      path: '/metrics',
      scheme: 'http',
    });
  });
});
