import type { Registration } from '../target/registration';
export interface ExpiryBrakeSettings {
    share: number;
    minTargets: number;
    holdLimitMs: number;
}
export declare function isOverdue(registration: Registration, now: number): boolean;
export type BrakeChange = {
    engaged: true;
    overdue: number;
    of: number;
} | {
    engaged: false;
    reason: string;
};
export declare class ExpiryBrake {
    private readonly settings;
    private engagedAt;
    private armed;
    constructor(settings: ExpiryBrakeSettings);
    get engaged(): boolean;
    get since(): number | null;
    evaluate(registrations: readonly Registration[], now: number): BrakeChange | null;
}
