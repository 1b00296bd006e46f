import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RegistryConfig } from '../config/registry.config';
import { RejectionLog } from './rejection-log';
export declare class DlqTailReader implements OnApplicationBootstrap, OnApplicationShutdown {
    private readonly config;
    private readonly logger;
    private readonly kafka;
    private reader;
    private catchUp;
    private readonly starts;
    private readonly next;
    private readonly stopping;
    readonly log: RejectionLog;
    constructor(config: RegistryConfig);
    onApplicationBootstrap(): void;
    get caughtUp(): boolean;
    private start;
    private nextOf;
    private onBatch;
    onApplicationShutdown(): Promise<void>;
}
