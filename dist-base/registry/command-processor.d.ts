import { KafkaContext } from '@nestjs/microservices';
import { RegistryConfig } from '../config/registry.config';
import { Command } from '../target/command';
import { CommandCommitter } from './command-committer';
import { RegistryService } from './registry.service';
export declare class CommandProcessor {
    private readonly config;
    private readonly registry;
    private readonly committer;
    constructor(config: RegistryConfig, registry: RegistryService, committer: CommandCommitter);
    apply(context: KafkaContext, command: Command): Promise<void>;
    decode(topic: string, value: Buffer | null): Command;
    private validatorFor;
}
