import { type SdTargetGroup } from '../target/sd-target-group';
export declare function isSdBody(body: unknown): body is SdTargetGroup[];
export declare function targetRows(groups: SdTargetGroup[]): string[][];
export declare function formatTargetTable(groups: SdTargetGroup[]): string;
