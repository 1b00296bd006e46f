import { type TargetView } from '../registry';
import { ShardSelector } from './rendezvous';
export interface SdBody {
    body: Buffer;
    etag: string;
}
export declare class SdBodyCache {
    private readonly view;
    private readonly entries;
    private readonly rendered;
    constructor(view: TargetView);
    get(now: number, selector: ShardSelector | null): SdBody;
    private build;
    private renderedOf;
}
export declare function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean;
