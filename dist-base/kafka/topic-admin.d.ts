import { OnModuleInit } from '@nestjs/common';
import { RegistryConfig } from '../config/registry.config';
import type { PartitionEnd } from './partition-end';
export declare class TopicAdmin implements OnModuleInit {
    private readonly config;
    private readonly logger;
    private readonly kafka;
    constructor(config: RegistryConfig);
    onModuleInit(): Promise<void>;
    ensureTopics(): Promise<void>;
    private checkStateTopic;
    endOffsets(topic: string): Promise<PartitionEnd[]>;
}
