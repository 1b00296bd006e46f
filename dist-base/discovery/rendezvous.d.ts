export declare const MAX_SHARDS = 1024;
export declare function shardLeaders(applicationUuid: string): Uint16Array;
export declare function shardAmong(leaders: Uint16Array, shards: number): number;
export declare function shardOf(applicationUuid: string, shards: number): number;
export interface ShardSelector {
    shard: number;
    shards: number;
}
export declare function parseShardSelector(shard: unknown, shards: unknown): {
    ok: true;
    value: ShardSelector | null;
} | {
    ok: false;
    error: string;
};
