import { Target } from '../target/target';
declare const TargetBody_base: import("@nestjs/common").Type<Omit<Target, "applicationUuid">>;
export declare class TargetBody extends TargetBody_base {
}
export {};
