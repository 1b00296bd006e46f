import { KafkaConfig } from 'kafkajs';
import type { KafkaConnectionConfig } from '../config/registry.config';
export declare function sslOptions(connection: KafkaConnectionConfig): KafkaConfig['ssl'];
export declare function kafkaClientConfig(connection: KafkaConnectionConfig, role: string): KafkaConfig;
