import type { KafkaConnectionConfig } from '../config/registry.config';
export declare class KafkaAccessError extends Error {
    constructor(message: string);
}
export declare function describeAccessFailure(error: unknown, connection: KafkaConnectionConfig): string | null;
export declare function checkKafkaAccess(connection: KafkaConnectionConfig, role: string): Promise<void>;
