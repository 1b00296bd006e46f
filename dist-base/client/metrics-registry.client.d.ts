import { Kafka, KafkaConfig } from 'kafkajs';
import type { Target } from '../target/target';
export interface MetricsRegistryClientLogger {
    warn(message: string): void;
}
export interface MetricsRegistryClientOptions {
    brokers?: string[];
    kafka?: Kafka;
    clientId?: string;
    ssl?: KafkaConfig['ssl'];
    sasl?: KafkaConfig['sasl'];
    topic?: string;
    timeoutMs?: number;
    deregisterOnExit?: boolean;
    logger?: MetricsRegistryClientLogger;
}
export declare const DEFAULT_COMMAND_TOPIC = "metrics-registry.commands";
export declare class MetricsRegistryClient {
    private readonly producer;
    private readonly topic;
    private readonly timeoutMs;
    private readonly logger;
    private readonly registrations;
    private connected;
    private closing;
    private readonly exitHooks;
    private lastKafkaError;
    constructor(options: MetricsRegistryClientOptions);
    get registered(): string[];
    register(target: Target): Promise<Target>;
    deregister(applicationUuid?: string): Promise<void>;
    close(options?: {
        deregister?: boolean;
    }): Promise<void>;
    private shutDown;
    private renew;
    private stopRenewing;
    private send;
    private assertOpen;
    private kafkaFor;
    private hookExit;
    private unhookExit;
    private closeWithin;
}
