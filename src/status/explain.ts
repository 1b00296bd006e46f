import type { Rejection, RegistrySnapshot, Removal } from '../registry';
import type { Registration } from '../target/registration';
import { ttlSecondsOf } from '../registry';
import { targetState } from './target-state';

/**
 * Why a target is or is not served (SPEC §3.7), one cause each:
 * - `served`, `held-by-brake` (served only because the shrink brake holds its run-out lease);
 * - `other-shard`: served, but to another shard than the one asked for;
 * - `expired`: its lease ran out (tombstone written or to come);
 * - `deregistered`: an explicit deregister (command or REST DELETE);
 * - `denied`: a state record the target policy refuses;
 * - `invalid`: a state record that breaks the rules of SPEC §2.1 (written by another program);
 * - `deleted`: a tombstone that does not say why (written by another program);
 * - `rejected`: its last command went to the DLQ;
 * - `never-seen`: none of the above within the windows the registry remembers.
 */
export type ExplainCause =
  | 'served'
  | 'held-by-brake'
  | 'other-shard'
  | 'expired'
  | 'deregistered'
  | 'denied'
  | 'invalid'
  | 'deleted'
  | 'rejected'
  | 'never-seen';

export interface ExplainRegistration {
  host: string;
  port: number;
  path: string;
  scheme: string;
  labels: Record<string, string>;
  expiresAt: string | null;
  updatedAt: string | null;
  ttlSeconds: number | null;
}

export interface ExplainRemoval {
  at: string;
  cause: Removal['cause'];
  expiresAt: string | null;
  ttlSeconds: number | null;
  reason: string | null;
}

export interface ExplainRejection {
  at: string;
  reason: string;
  key: string | null;
  dlq: { partition: number; offset: string };
  source: { topic: string | null; partition: number | null; offset: string | null };
}

export interface Explanation {
  applicationUuid: string;
  /** Whether Prometheus gets it now (from the shard asked for, if any). */
  served: boolean;
  cause: ExplainCause;
  /** One sentence for a person. */
  summary: string;
  registration: ExplainRegistration | null;
  removal: ExplainRemoval | null;
  /** The newest rejection of a command for this id in the DLQ window, whatever the cause. */
  rejection: ExplainRejection | null;
  shard: { asked: number; shards: number; actual: number } | null;
  /** False while the replica has not read the DLQ window to its end: a rejection may be missing. */
  rejectionsComplete: boolean;
  checkedAt: string;
}

export interface ExplainInput {
  applicationUuid: string;
  snapshot: RegistrySnapshot;
  registration: Registration | undefined;
  removal: Removal | null;
  rejection: Rejection | null;
  /** ?shard=I&shards=N, with the shard the id belongs to among N. */
  shard: { asked: number; shards: number; actual: number } | null;
  /** REGISTRY_LEASE_SLACK: a lease is ttlSeconds × (1 + leaseSlack). */
  leaseSlack: number;
}

function iso(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

function registrationJson(r: Registration, leaseSlack: number): ExplainRegistration {
  return {
    host: r.host,
    port: r.port,
    path: r.path,
    scheme: r.scheme,
    labels: { ...r.labels },
    expiresAt: iso(r.expiresAt),
    updatedAt: iso(r.updatedAt),
    ttlSeconds: ttlSecondsOf(r, leaseSlack),
  };
}

function removalJson(r: Removal): ExplainRemoval {
  return {
    at: iso(r.at)!,
    cause: r.cause,
    expiresAt: iso(r.expiresAt),
    ttlSeconds: r.ttlSeconds,
    reason: r.reason,
  };
}

function rejectionJson(r: Rejection): ExplainRejection {
  return {
    at: iso(r.at)!,
    reason: r.reason,
    key: r.key,
    dlq: { partition: r.partition, offset: r.offset },
    source: { topic: r.sourceTopic, partition: r.sourcePartition, offset: r.sourceOffset },
  };
}

function ttl(seconds: number | null): string {
  return seconds === null ? '' : ` (ttlSeconds ${seconds})`;
}

function rejectedAt(r: Rejection): string {
  const source = r.sourceTopic === null ? '' : ` from ${r.sourceTopic}`;
  const where =
    r.sourcePartition === null || r.sourceOffset === null
      ? ''
      : ` [${r.sourcePartition}]@${r.sourceOffset}`;
  return `its command${source}${where} was rejected at ${iso(r.at)}: ${r.reason}`;
}

/** Picks the cause from what the registry knows; pure. */
export function explain(input: ExplainInput): Explanation {
  const { applicationUuid, snapshot, registration, removal, rejection, shard, leaseSlack } = input;
  const base = {
    applicationUuid,
    registration: registration === undefined ? null : registrationJson(registration, leaseSlack),
    removal: null as ExplainRemoval | null,
    rejection: rejection === null ? null : rejectionJson(rejection),
    shard,
    rejectionsComplete: snapshot.rejectionsCaughtUp,
    checkedAt: new Date(snapshot.now).toISOString(),
  };
  const answer = (served: boolean, cause: ExplainCause, summary: string): Explanation => ({
    ...base,
    served,
    cause,
    summary,
  });
  // A rejection older than what the view or the removal says is history, not the cause.
  const laterRejection = (since: number | null) =>
    rejection !== null && (since === null || rejection.at > since) ? rejection : null;

  if (registration !== undefined) {
    const state = targetState(registration, snapshot);
    const newer = laterRejection(registration.updatedAt);
    const also = newer === null ? '' : `; a later command was rejected: ${newer.reason}`;
    if (state === 'expired') {
      return answer(
        false,
        'expired',
        `not served: its lease ran out at ${iso(registration.expiresAt)}${ttl(ttlSecondsOf(registration, leaseSlack))} without a renewal${also}`,
      );
    }
    if (shard !== null && shard.actual !== shard.asked) {
      return answer(
        false,
        'other-shard',
        `served to shard ${shard.actual} of ${shard.shards}, not to shard ${shard.asked}`,
      );
    }
    if (state === 'held') {
      return answer(
        true,
        'held-by-brake',
        `served only because the shrink brake holds expiry: its lease ran out at ${iso(registration.expiresAt)}${also}`,
      );
    }
    const lease =
      registration.expiresAt === null
        ? 'no lease'
        : `lease until ${iso(registration.expiresAt)}${ttl(ttlSecondsOf(registration, leaseSlack))}`;
    return answer(true, 'served', `served (${lease})${also}`);
  }

  const newer = laterRejection(removal?.at ?? null);
  if (newer !== null) {
    return answer(false, 'rejected', `not served: ${rejectedAt(newer)}`);
  }
  if (removal !== null) {
    base.removal = removalJson(removal);
    switch (removal.cause) {
      case 'expired':
        return answer(
          false,
          'expired',
          `not served: its lease ran out${removal.expiresAt === null ? '' : ` at ${iso(removal.expiresAt)}`}${ttl(removal.ttlSeconds)} and was removed at ${iso(removal.at)}`,
        );
      case 'deregistered':
        return answer(false, 'deregistered', `not served: deregistered at ${iso(removal.at)}`);
      case 'denied':
        return answer(
          false,
          'denied',
          `not served: its state record of ${iso(removal.at)} is outside the target policy: ${removal.reason}`,
        );
      case 'invalid':
        return answer(
          false,
          'invalid',
          `not served: its state record of ${iso(removal.at)} is invalid: ${removal.reason}`,
        );
      case 'deleted':
        return answer(
          false,
          'deleted',
          `not served: a tombstone without a reason (not written by the registry) removed it at ${iso(removal.at)}`,
        );
    }
  }
  return answer(
    false,
    'never-seen',
    'not served: no registration, no removal in the last hour and no rejected command in the DLQ window',
  );
}
