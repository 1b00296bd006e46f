export type Command = 'serve' | 'register' | 'deregister' | 'list' | 'explain';
export declare const BIN = "metrics-registry";
export declare const DEFAULT_TIMEOUT_SECONDS = 15;
export declare const DEFAULT_URL = "http://localhost:4000";
export declare const HELP: Record<Command | 'main', string>;
