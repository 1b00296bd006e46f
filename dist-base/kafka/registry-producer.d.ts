import { BeforeApplicationShutdown, OnApplicationShutdown } from '@nestjs/common';
import { Message } from 'kafkajs';
import { Registry } from 'prom-client';
import { RegistryConfig } from '../config/registry.config';
export declare class ShuttingDownError extends Error {
    constructor();
}
export declare class WithdrawnError extends Error {
    constructor(reason: string);
}
export declare const STUCK_AFTER_MS = 30000;
export type Lane = 'state' | 'dlq';
export interface SendOptions {
    lane?: Lane;
    onRetry?: (error: Error) => void;
    signal?: AbortSignal;
}
export interface StuckWrite {
    lane: Lane;
    forMs: number;
    error: string;
}
export declare class RegistryProducer implements BeforeApplicationShutdown, OnApplicationShutdown {
    private readonly logger;
    private readonly producer;
    private readonly lanes;
    private connected;
    private closing;
    private readonly shutdown;
    private readonly retries;
    private readonly deadLetters;
    constructor(config: RegistryConfig, registry: Registry);
    send(topic: string, messages: Message[], options?: SendOptions): Promise<void>;
    stuck(now?: number): StuckWrite[];
    private pump;
    private sendWithRetry;
    private deadLetterOneByOne;
    private write;
    private withoutWithdrawn;
    beforeApplicationShutdown(): Promise<void>;
    onApplicationShutdown(): Promise<void>;
}
