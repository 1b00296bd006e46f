import type { Message } from 'kafkajs';
export declare function refusalOf(error: unknown, depth?: number): string | null;
export declare const TRUNCATED_BYTES = 4096;
export declare function truncatedDeadLetter(message: Message, refusal: string): Message;
