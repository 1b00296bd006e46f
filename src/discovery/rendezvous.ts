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

/**
 * The shards that score higher for an id than every shard below them, in increasing order; the
 * first is always 0. About ln(MAX_SHARDS) ≈ 7 of them: they answer shardOf for every count at once.
 */
export function shardLeaders(applicationUuid: string): Uint16Array {
  const idHash = fnv1a(applicationUuid);
  const leaders: number[] = [];
  let bestScore = -1;
  for (let shard = 0; shard < MAX_SHARDS; shard++) {
    const score = mix(idHash ^ SHARD_SEEDS[shard]);
    if (score > bestScore) {
      bestScore = score;
      leaders.push(shard);
    }
  }
  return Uint16Array.from(leaders);
}

/** The shard among `shards` whose score is highest (the lowest one on a tie): the last leader below it. */
export function shardAmong(leaders: Uint16Array, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS) {
    throw new RangeError(`shards must be an integer from 1 to ${MAX_SHARDS}, got ${shards}`);
  }
  let i = leaders.length - 1;
  while (leaders[i] >= shards) i--;
  return leaders[i];
}

/** The shard (0 <= result < shards) that an applicationUuid belongs to. */
export function shardOf(applicationUuid: string, shards: number): number {
  return shardAmong(shardLeaders(applicationUuid), shards);
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
