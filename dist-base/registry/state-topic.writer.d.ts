import { IHeaders } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { RegistryProducer, SendOptions } from '../kafka/registry-producer';
import type { Registration } from '../target/registration';
export type WriteOptions = Omit<SendOptions, 'lane'>;
export declare class StateTopicWriter {
    private readonly config;
    private readonly producer;
    constructor(config: RegistryConfig, producer: RegistryProducer);
    put(registration: Registration, options?: WriteOptions): Promise<void>;
    delete(applicationUuid: string, options?: WriteOptions, headers?: IHeaders): Promise<void>;
    deadLetter(key: Buffer | string | null, value: Buffer | null, headers: IHeaders, options?: WriteOptions): Promise<void>;
}
