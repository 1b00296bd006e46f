import { Registry } from 'prom-client';
export type CommandConsumerState = 'not started' | 'joining' | 'running' | 'rebalancing' | 'restarting' | 'crashed' | 'stopped';
export declare class CommandConsumerStatus {
    state: CommandConsumerState;
    joinedAt: number;
    pause: (() => void) | null;
    constructor(registry: Registry);
    get running(): boolean;
}
