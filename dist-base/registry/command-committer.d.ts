import { BeforeApplicationShutdown } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { CommandConsumerStatus } from '../kafka/command-consumer.status';
export declare class CommandCommitter implements BeforeApplicationShutdown {
    private readonly consumer;
    private readonly logger;
    private readonly tracker;
    private readonly unsettled;
    private readonly committing;
    private readonly latest;
    private readonly waiters;
    constructor(consumer: CommandConsumerStatus);
    track(context: KafkaContext, work: Promise<void>): Promise<void>;
    private commit;
    beforeApplicationShutdown(): Promise<void>;
}
export declare function heartbeatOf(context: KafkaContext): () => void;
