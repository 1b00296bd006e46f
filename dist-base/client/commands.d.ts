import type { Target } from '../target/target';
export declare function registerCommand(target: Target | Record<string, unknown>): Target;
export declare function deregisterCommand(applicationUuid: string): {
    applicationUuid: string;
};
export declare function renewalIntervalMs(ttlSeconds: number): number;
