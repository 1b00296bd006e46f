import { Env } from '../config/environment';
import { KafkaConnectionConfig, RegistryTopics } from '../config/registry.config';
export declare class UsageError extends Error {
    constructor(message: string);
}
export interface KafkaRequest {
    connection: KafkaConnectionConfig;
    topics: RegistryTopics;
    timeoutMs: number;
}
export type CliRequest = {
    command: 'help';
    text: string;
} | {
    command: 'serve';
} | {
    command: 'register';
    target: Record<string, unknown>;
    kafka: KafkaRequest;
} | {
    command: 'deregister';
    applicationUuid: string;
    kafka: KafkaRequest;
} | {
    command: 'list';
    url: string;
    authorization: string | null;
    json: boolean;
    timeoutMs: number;
} | {
    command: 'explain';
    applicationUuid: string;
    url: string;
    authorization: string | null;
    json: boolean;
    timeoutMs: number;
};
export declare function parseCli(argv: string[], env: Env): CliRequest;
