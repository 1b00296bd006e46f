"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_SHARDS = void 0;
exports.shardLeaders = shardLeaders;
exports.shardAmong = shardAmong;
exports.shardOf = shardOf;
exports.parseShardSelector = parseShardSelector;
exports.MAX_SHARDS = 1024;
const { imul } = Math;
function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = imul(hash, 0x01000193);
    }
    return hash >>> 0;
}
function mix(value) {
    let h = value;
    h ^= h >>> 16;
    h = imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
}
const SHARD_SEEDS = Uint32Array.from({ length: exports.MAX_SHARDS }, (_, shard) => mix(imul(shard + 1, 0x9e3779b1)));
function shardLeaders(applicationUuid) {
    const idHash = fnv1a(applicationUuid);
    const leaders = [];
    let bestScore = -1;
    for (let shard = 0; shard < exports.MAX_SHARDS; shard++) {
        const score = mix(idHash ^ SHARD_SEEDS[shard]);
        if (score > bestScore) {
            bestScore = score;
            leaders.push(shard);
        }
    }
    return Uint16Array.from(leaders);
}
function shardAmong(leaders, shards) {
    if (!Number.isInteger(shards) || shards < 1 || shards > exports.MAX_SHARDS) {
        throw new RangeError(`shards must be an integer from 1 to ${exports.MAX_SHARDS}, got ${shards}`);
    }
    let i = leaders.length - 1;
    while (leaders[i] >= shards)
        i--;
    return leaders[i];
}
function shardOf(applicationUuid, shards) {
    return shardAmong(shardLeaders(applicationUuid), shards);
}
function parseShardSelector(shard, shards) {
    if (shard === undefined && shards === undefined)
        return { ok: true, value: null };
    if (typeof shards !== 'string' ||
        !/^\d{1,4}$/.test(shards) ||
        Number(shards) < 1 ||
        Number(shards) > exports.MAX_SHARDS) {
        return { ok: false, error: `shards: must be an integer from 1 to ${exports.MAX_SHARDS}` };
    }
    const n = Number(shards);
    if (typeof shard !== 'string' || !/^\d{1,4}$/.test(shard) || Number(shard) >= n) {
        return { ok: false, error: `shard: must be an integer from 0 to ${n - 1}` };
    }
    return { ok: true, value: { shard: Number(shard), shards: n } };
}
//# sourceMappingURL=rendezvous.js.map