"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.explain = explain;
const registry_1 = require("../registry");
const target_state_1 = require("./target-state");
function iso(epochMs) {
    return epochMs === null ? null : new Date(epochMs).toISOString();
}
function registrationJson(r, leaseSlack) {
    return {
        host: r.host,
        port: r.port,
        path: r.path,
        scheme: r.scheme,
        labels: { ...r.labels },
        expiresAt: iso(r.expiresAt),
        updatedAt: iso(r.updatedAt),
        ttlSeconds: (0, registry_1.ttlSecondsOf)(r, leaseSlack),
    };
}
function removalJson(r) {
    return {
        at: iso(r.at),
        cause: r.cause,
        expiresAt: iso(r.expiresAt),
        ttlSeconds: r.ttlSeconds,
        reason: r.reason,
    };
}
function rejectionJson(r) {
    return {
        at: iso(r.at),
        reason: r.reason,
        key: r.key,
        dlq: { partition: r.partition, offset: r.offset },
        source: { topic: r.sourceTopic, partition: r.sourcePartition, offset: r.sourceOffset },
    };
}
function ttl(seconds) {
    return seconds === null ? '' : ` (ttlSeconds ${seconds})`;
}
function rejectedAt(r) {
    const source = r.sourceTopic === null ? '' : ` from ${r.sourceTopic}`;
    const where = r.sourcePartition === null || r.sourceOffset === null
        ? ''
        : ` [${r.sourcePartition}]@${r.sourceOffset}`;
    return `its command${source}${where} was rejected at ${iso(r.at)}: ${r.reason}`;
}
function explain(input) {
    const { applicationUuid, snapshot, registration, removal, rejection, shard, leaseSlack } = input;
    const base = {
        applicationUuid,
        registration: registration === undefined ? null : registrationJson(registration, leaseSlack),
        removal: null,
        rejection: rejection === null ? null : rejectionJson(rejection),
        shard,
        rejectionsComplete: snapshot.rejectionsCaughtUp,
        checkedAt: new Date(snapshot.now).toISOString(),
    };
    const answer = (served, cause, summary) => ({
        ...base,
        served,
        cause,
        summary,
    });
    const laterRejection = (since) => rejection !== null && (since === null || rejection.at > since) ? rejection : null;
    if (registration !== undefined) {
        const state = (0, target_state_1.targetState)(registration, snapshot);
        const newer = laterRejection(registration.updatedAt);
        const also = newer === null ? '' : `; a later command was rejected: ${newer.reason}`;
        if (state === 'expired') {
            return answer(false, 'expired', `not served: its lease ran out at ${iso(registration.expiresAt)}${ttl((0, registry_1.ttlSecondsOf)(registration, leaseSlack))} without a renewal${also}`);
        }
        if (shard !== null && shard.actual !== shard.asked) {
            return answer(false, 'other-shard', `served to shard ${shard.actual} of ${shard.shards}, not to shard ${shard.asked}`);
        }
        if (state === 'held') {
            return answer(true, 'held-by-brake', `served only because the shrink brake holds expiry: its lease ran out at ${iso(registration.expiresAt)}${also}`);
        }
        const lease = registration.expiresAt === null
            ? 'no lease'
            : `lease until ${iso(registration.expiresAt)}${ttl((0, registry_1.ttlSecondsOf)(registration, leaseSlack))}`;
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
                return answer(false, 'expired', `not served: its lease ran out${removal.expiresAt === null ? '' : ` at ${iso(removal.expiresAt)}`}${ttl(removal.ttlSeconds)} and was removed at ${iso(removal.at)}`);
            case 'deregistered':
                return answer(false, 'deregistered', `not served: deregistered at ${iso(removal.at)}`);
            case 'denied':
                return answer(false, 'denied', `not served: its state record of ${iso(removal.at)} is outside the target policy: ${removal.reason}`);
            case 'deleted':
                return answer(false, 'deleted', `not served: a tombstone without a reason (not written by the registry) removed it at ${iso(removal.at)}`);
        }
    }
    return answer(false, 'never-seen', 'not served: no registration, no removal in the last hour and no rejected command in the DLQ window');
}
//# sourceMappingURL=explain.js.map