import { ServerKafka } from '@nestjs/microservices';
import type { Consumer } from 'kafkajs';
import type { KafkaOptions } from '@nestjs/microservices';
import type { CommandConsumerStatus } from './command-consumer.status';
export declare class CommandServer extends ServerKafka {
    private readonly topics;
    private readonly consumerStatus;
    constructor(options: Required<KafkaOptions>['options'], topics: Readonly<Record<string, string>>, consumerStatus: CommandConsumerStatus);
    bindEvents(consumer: Consumer): Promise<void>;
    protected registerConsumerEventListeners(): void;
    getRouteFromPattern(pattern: string): string;
}
