/**
 * Rendezvous (highest random weight) hashing: an id goes to the shard with the highest score of
 * hash(id, shard). Going from N to N+1 shards moves only the ids whose new shard wins, about 1/(N+1).
 */
export const MAX_SHARDS = 1024;

// Looked up once: reading Math on every call costs ~100x inside a vm sandbox such as jest's.
const { imul } = Math;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finalizer: spreads every input bit over the whole word. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One fixed seed per shard number, so a shard's scores never depend on how many shards there are. */
const SHARD_SEEDS = Uint32Array.from({ length: MAX_SHARDS }, (_, shard) =>
  mix(imul(shard + 1, 0x9e3779b1)),
);

/** The shard (0 <= result < shards) that an applicationUuid belongs to. */
export function shardOf(applicationUuid: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS) {
    throw new RangeError(`shards must be an integer from 1 to ${MAX_SHARDS}, got ${shards}`);
  }
  const idHash = fnv1a(applicationUuid);
  let best = 0;
  let bestScore = -1;
  for (let shard = 0; shard < shards; shard++) {
    const score = mix(idHash ^ SHARD_SEEDS[shard]);
    if (score > bestScore) {
      bestScore = score;
      best = shard;
    }
  }
  return best;
}

export interface ShardSelector {
  shard: number;
  shards: number;
}

/** Parses ?shard=I&shards=N; both or neither must be given, 0 <= I < N <= MAX_SHARDS. */
export function parseShardSelector(
  shard: unknown,
  shards: unknown,
): { ok: true; value: ShardSelector | null } | { ok: false; error: string } {
  if (shard === undefined && shards === undefined) return { ok: true, value: null };
  if (
    typeof shards !== 'string' ||
    !/^\d{1,4}$/.test(shards) ||
    Number(shards) < 1 ||
    Number(shards) > MAX_SHARDS
  ) {
    return { ok: false, error: `shards: must be an integer from 1 to ${MAX_SHARDS}` };
  }
  const n = Number(shards);
  if (typeof shard !== 'string' || !/^\d{1,4}$/.test(shard) || Number(shard) >= n) {
    return { ok: false, error: `shard: must be an integer from 0 to ${n - 1}` };
  }
  return { ok: true, value: { shard: Number(shard), shards: n } };
}
