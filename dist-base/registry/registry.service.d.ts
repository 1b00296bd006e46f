import { RegistryConfig } from '../config/registry.config';
import { CommandConsumerStatus } from '../kafka/command-consumer.status';
import { Registration } from '../target/registration';
import type { Target } from '../target/target';
import { RegistryMetrics } from './registry.metrics';
import { StateTopicReader } from './state-topic.reader';
import { StateTopicWriter, WriteOptions } from './state-topic.writer';
import { TargetView } from './target-view';
export interface RegisterOptions extends WriteOptions {
    sentAt?: number;
}
export interface RegisterResult {
    outcome: 'written' | 'covered' | 'expired';
    registration: Registration;
}
export declare class RegistryService {
    private readonly config;
    private readonly writer;
    private readonly metrics;
    private readonly view;
    private readonly reader;
    private readonly consumer;
    private readonly logger;
    private readonly renewals;
    constructor(config: RegistryConfig, writer: StateTopicWriter, metrics: RegistryMetrics, view: TargetView, reader: StateTopicReader, consumer: CommandConsumerStatus);
    register(target: Target, options?: RegisterOptions): Promise<RegisterResult>;
    deregister(applicationUuid: string, options?: WriteOptions): Promise<void>;
    private counted;
}
