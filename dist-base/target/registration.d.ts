import type { Scheme, Target } from './target';
export declare const DEFAULT_PATH = "/metrics";
export declare const DEFAULT_SCHEME: Scheme;
export interface Registration {
    applicationUuid: string;
    host: string;
    port: number;
    path: string;
    scheme: Scheme;
    labels: Record<string, string>;
    expiresAt: number | null;
    updatedAt: number | null;
}
export declare function registrationOf(target: Target, at: number, leaseSlack?: number): Registration;
export declare function leaseEnd(target: Target, at: number, leaseSlack?: number): number | null;
