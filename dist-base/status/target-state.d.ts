import { type RegistrySnapshot } from '../registry';
import type { Registration } from '../target/registration';
export type TargetState = 'served' | 'held' | 'expired';
export declare function targetState(registration: Registration, snapshot: Pick<RegistrySnapshot, 'now' | 'leaseNow' | 'brakeEngaged'>): TargetState;
