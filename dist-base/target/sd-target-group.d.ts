import type { Registration } from './registration';
export interface SdTargetGroup {
    targets: string[];
    labels: Record<string, string>;
}
export declare const APPLICATION_UUID_LABEL = "__meta_registry_application_uuid";
export declare function targetAddress(host: string, port: number): string;
export declare function compareIds(a: string, b: string): number;
export declare function sdTargetGroup(registration: Registration): SdTargetGroup;
