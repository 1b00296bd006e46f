import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { CommandConsumerStatus } from '../kafka/command-consumer.status';
import { RegistryProducer } from '../kafka/registry-producer';
import { StateTopicReader } from '../registry';
export declare class HealthController {
    private readonly health;
    private readonly indicator;
    private readonly reader;
    private readonly commands;
    private readonly producer;
    constructor(health: HealthCheckService, indicator: HealthIndicatorService, reader: StateTopicReader, commands: CommandConsumerStatus, producer: RegistryProducer);
    live(): Promise<import("@nestjs/terminus").HealthCheckResult<import("@nestjs/terminus").HealthIndicatorResult<string, import("@nestjs/terminus").HealthIndicatorStatus, Record<string, any>> & import("@nestjs/terminus").HealthIndicatorResult<"process", "up", Record<string, any>>, Partial<import("@nestjs/terminus").HealthIndicatorResult<string, import("@nestjs/terminus").HealthIndicatorStatus, Record<string, any>> & import("@nestjs/terminus").HealthIndicatorResult<"process", "up", Record<string, any>>> | undefined, Partial<import("@nestjs/terminus").HealthIndicatorResult<string, import("@nestjs/terminus").HealthIndicatorStatus, Record<string, any>> & import("@nestjs/terminus").HealthIndicatorResult<"process", "up", Record<string, any>>> | undefined>>;
    ready(): Promise<import("@nestjs/terminus").HealthCheckResult<(import("@nestjs/terminus").HealthIndicatorResult<string, import("@nestjs/terminus").HealthIndicatorStatus, Record<string, any>> & import("@nestjs/terminus").HealthIndicatorResult<"commandConsumer", "up", {
        state: import("../kafka/command-consumer.status").CommandConsumerState;
    }> & (import("@nestjs/terminus").HealthIndicatorResult<"writes", "up", Record<string, any>> | import("@nestjs/terminus").HealthIndicatorResult<"writes", "down", {
        reason: string;
    }>)) & (import("@nestjs/terminus").HealthIndicatorResult<"stateTopic", "down", {
        reason: string;
    }> | import("@nestjs/terminus").HealthIndicatorResult<"stateTopic", "up", Record<string, any>>), Partial<(import("@nestjs/terminus").HealthIndicatorResult<string, import("@nestjs/terminus").HealthIndicatorStatus, Record<string, any>> & import("@nestjs/terminus").HealthIndicatorResult<"commandConsumer", "up", {
        state: import("../kafka/command-consumer.status").CommandConsumerState;
    }> & (import("@nestjs/terminus").HealthIndicatorResult<"writes", "up", Record<string, any>> | import("@nestjs/terminus").HealthIndicatorResult<"writes", "down", {
        reason: string;
    }>)) & (import("@nestjs/terminus").HealthIndicatorResult<"stateTopic", "down", {
        reason: string;
    }> | import("@nestjs/terminus").HealthIndicatorResult<"stateTopic", "up", Record<string, any>>)> | undefined, Partial<(import("@nestjs/terminus").HealthIndicatorResult<string, import("@nestjs/terminus").HealthIndicatorStatus, Record<string, any>> & import("@nestjs/terminus").HealthIndicatorResult<"commandConsumer", "up", {
        state: import("../kafka/command-consumer.status").CommandConsumerState;
    }> & (import("@nestjs/terminus").HealthIndicatorResult<"writes", "up", Record<string, any>> | import("@nestjs/terminus").HealthIndicatorResult<"writes", "down", {
        reason: string;
    }>)) & (import("@nestjs/terminus").HealthIndicatorResult<"stateTopic", "down", {
        reason: string;
    }> | import("@nestjs/terminus").HealthIndicatorResult<"stateTopic", "up", Record<string, any>>)> | undefined>>;
}
