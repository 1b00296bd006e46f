import type { Target } from './target';
import { Validated } from './target.validation';
export type Command = {
    op: 'register';
    target: Target;
} | {
    op: 'deregister';
    applicationUuid: string;
};
export declare const OPS: readonly ["register", "deregister"];
export declare function opOf(input: unknown): Command['op'] | null;
export declare function validateCommand(input: unknown): Validated<Command>;
export declare function commandValue(command: Command): string;
