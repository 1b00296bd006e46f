import { ConfigError } from './config-error';
import { Env, PemFile } from './environment';
import type { TargetPolicy } from '../target/target.policy';
export { ConfigError };
export type { PemFile };
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';
export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';
export interface KafkaConnectionConfig {
    brokers: string[];
    clientId: string;
    groupId: string;
    ssl: boolean;
    sslFiles: KafkaSslFiles;
    sasl: {
        mechanism: SaslMechanism;
        username: string;
        password: string;
    } | null;
}
export interface KafkaSslFiles {
    ca: PemFile | null;
    cert: PemFile | null;
    key: PemFile | null;
}
export interface RegistryTopics {
    commands: string;
    register: string;
    deregister: string;
    dlq: string;
    state: string;
}
export declare class RegistryConfig {
    port: number;
    sdEndpoint: string;
    kafka: KafkaConnectionConfig;
    topics: RegistryTopics;
    statePartitions: number;
    stateReplication: number;
    metricsPort: number | null;
    sdBearerToken: string | null;
    sdBasicAuth: {
        username: string;
        password: string;
    } | null;
    apiToken: string | null;
    logLevel: LogLevel;
    host: string;
    targetPolicy: TargetPolicy;
    leaseSlack: number;
    expiryBrake: {
        share: number;
        minTargets: number;
        holdLimitMs: number;
    };
    apiWriteTimeoutMs: number;
    leaseSweepIntervalMs: number;
    with(overrides: Partial<RegistryConfig>): RegistryConfig;
}
export declare function loadRegistryConfig(env: Env): RegistryConfig;
