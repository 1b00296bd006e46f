import { Counter, Gauge, Registry } from 'prom-client';
export declare class RegistryMetrics {
    readonly commands: Counter<'command' | 'outcome'>;
    readonly stateRecords: Counter<'outcome'>;
    readonly leasesExpired: Counter;
    readonly renewalsCovered: Counter;
    readonly internalErrors: Counter;
    readonly expiryBrake: Gauge;
    readonly brakeHeld: Gauge;
    readonly ready: Gauge;
    readonly stateLag: Gauge;
    constructor(registry: Registry);
}
