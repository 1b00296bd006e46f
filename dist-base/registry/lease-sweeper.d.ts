import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RegistryConfig } from '../config/registry.config';
import { RegistryMetrics } from './registry.metrics';
import { StateTopicReader } from './state-topic.reader';
import { StateTopicWriter } from './state-topic.writer';
import { TargetView } from './target-view';
export declare class LeaseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
    private readonly config;
    private readonly view;
    private readonly reader;
    private readonly writer;
    private readonly metrics;
    private readonly logger;
    private timer;
    private readonly pending;
    private sweeping;
    private readonly brake;
    constructor(config: RegistryConfig, view: TargetView, reader: StateTopicReader, writer: StateTopicWriter, metrics: RegistryMetrics);
    onApplicationBootstrap(): void;
    onApplicationShutdown(): void;
    sweep(): Promise<void>;
    get brakeEngaged(): boolean;
    private judgeBrake;
}
