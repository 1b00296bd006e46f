import { KafkaContext } from '@nestjs/microservices';
import { Command } from '../target/command';
import type { Target } from '../target/target';
import { CommandProcessor } from './command-processor';
export declare const COMMAND = "command";
export declare const REGISTER = "register";
export declare const DEREGISTER = "deregister";
export declare class CommandsController {
    private readonly processor;
    constructor(processor: CommandProcessor);
    command(command: Command, context: KafkaContext): Promise<void>;
    register(target: Target, context: KafkaContext): Promise<void>;
    deregister(command: {
        applicationUuid: string;
    }, context: KafkaContext): Promise<void>;
}
