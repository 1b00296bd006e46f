import { ArgumentsHost, RpcExceptionFilter } from '@nestjs/common';
import { Observable } from 'rxjs';
import { RegistryConfig } from '../config/registry.config';
import { CommandCommitter } from './command-committer';
import { CommandProcessor } from './command-processor';
import { RegistryMetrics } from './registry.metrics';
import { StateTopicWriter } from './state-topic.writer';
export declare class CommandExceptionFilter implements RpcExceptionFilter<unknown> {
    private readonly config;
    private readonly processor;
    private readonly committer;
    private readonly writer;
    private readonly metrics;
    private readonly logger;
    constructor(config: RegistryConfig, processor: CommandProcessor, committer: CommandCommitter, writer: StateTopicWriter, metrics: RegistryMetrics);
    catch(exception: unknown, host: ArgumentsHost): Observable<void>;
    private handle;
    private retry;
    private countInternal;
    private deadLetter;
    private commandOf;
}
