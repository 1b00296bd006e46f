import type { LogLevel, SaslMechanism } from './registry.config';
import { bindAddress, deniedHostPatterns, hostPatterns, portRanges } from './target-policy';
export type Env = Record<string, string | undefined>;
export type Reader = 'serve' | 'register' | 'deregister';
export interface EnvironmentVariable<T = unknown> {
    readonly name: string;
    readonly alias?: string;
    readonly default?: string;
    readonly help: string;
    readonly secret: boolean;
    readonly verbatim?: boolean;
    readonly readBy: readonly Reader[];
    readonly parse: (value: string, name: string) => T;
}
declare function share(value: string, name: string): number;
declare function fraction(value: string, name: string): number;
declare function urlPath(value: string, name: string): string;
declare function brokers(value: string, name: string): string[];
declare function flag(value: string, name: string): boolean;
declare function saslMechanism(value: string, name: string): SaslMechanism | null;
export interface PemFile {
    readonly file: string;
    readonly pem: string;
}
declare function certificatesFile(value: string, name: string): PemFile;
declare function privateKeyFile(value: string, name: string): PemFile;
declare function topic(value: string, name: string): string;
declare function token(value: string, name: string): string;
declare function basicAuth(value: string, name: string): {
    username: string;
    password: string;
};
type Spec = Omit<EnvironmentVariable, 'name'>;
type Named<S extends Record<string, Spec>> = {
    readonly [K in keyof S & string]: S[K] & {
        readonly name: K;
    };
};
export declare const ENVIRONMENT: Named<{
    PORT: {
        default: string;
        parse: (value: string, name: string) => number;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    PROMETHEUS_SD_ENDPOINT: {
        default: string;
        parse: typeof urlPath;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    KAFKA_BROKERS: {
        alias: string;
        default: string;
        parse: typeof brokers;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    KAFKA_CLIENT_ID: {
        default: string;
        parse: (value: string) => string;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    KAFKA_GROUP_ID: {
        default: string;
        parse: (value: string) => string;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    KAFKA_SSL: {
        default: string;
        parse: typeof flag;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    KAFKA_SASL_MECHANISM: {
        default: string;
        parse: typeof saslMechanism;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    KAFKA_SASL_USERNAME: {
        parse: (value: string) => string;
        help: string;
        secret: true;
        readBy: readonly Reader[];
    };
    KAFKA_SASL_PASSWORD: {
        parse: (value: string) => string;
        help: string;
        secret: true;
        verbatim: true;
        readBy: readonly Reader[];
    };
    KAFKA_SSL_CA_FILE: {
        parse: typeof certificatesFile;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    KAFKA_SSL_CERT_FILE: {
        parse: typeof certificatesFile;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    KAFKA_SSL_KEY_FILE: {
        parse: typeof privateKeyFile;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_COMMAND_TOPIC: {
        default: string;
        parse: typeof topic;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_REGISTER_TOPIC: {
        default: string;
        parse: typeof topic;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_DEREGISTER_TOPIC: {
        default: string;
        parse: typeof topic;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_DLQ_TOPIC: {
        default: string;
        parse: typeof topic;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_STATE_TOPIC: {
        default: string;
        parse: typeof topic;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_STATE_PARTITIONS: {
        default: string;
        parse: (value: string, name: string) => number;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_STATE_REPLICATION: {
        default: string;
        parse: (value: string, name: string) => number;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_LEASE_SLACK: {
        default: string;
        parse: typeof fraction;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_EXPIRY_BRAKE_SHARE: {
        default: string;
        parse: typeof share;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_EXPIRY_BRAKE_MIN_TARGETS: {
        default: string;
        parse: (value: string, name: string) => number;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_EXPIRY_BRAKE_HOLD_SECONDS: {
        default: string;
        parse: (value: string, name: string) => number;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_API_WRITE_TIMEOUT_SECONDS: {
        default: string;
        parse: (value: string, name: string) => number;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    METRICS_PORT: {
        parse: (value: string, name: string) => number;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    SD_BEARER_TOKEN: {
        parse: typeof token;
        help: string;
        secret: true;
        verbatim: true;
        readBy: readonly Reader[];
    };
    SD_BASIC_AUTH: {
        parse: typeof basicAuth;
        help: string;
        secret: true;
        verbatim: true;
        readBy: readonly Reader[];
    };
    REGISTRY_API_TOKEN: {
        parse: typeof token;
        help: string;
        secret: true;
        verbatim: true;
        readBy: readonly Reader[];
    };
    LOG_LEVEL: {
        default: string;
        parse: (value: string, name: string) => LogLevel;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    HOST: {
        default: string;
        parse: typeof bindAddress;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_ALLOWED_HOSTS: {
        parse: typeof hostPatterns;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_ALLOWED_PORTS: {
        parse: typeof portRanges;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
    REGISTRY_DENIED_HOSTS: {
        default: string;
        parse: typeof deniedHostPatterns;
        help: string;
        secret: false;
        readBy: readonly Reader[];
    };
}>;
type ValueOf<V> = V extends {
    parse: (value: string, name: string) => infer T;
} ? V extends {
    default: string;
} ? T : T | null : never;
export type EnvironmentValues = {
    readonly [K in keyof typeof ENVIRONMENT]: ValueOf<(typeof ENVIRONMENT)[K]>;
};
export declare const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[];
export declare function variablesReadBy(reader: Reader): EnvironmentVariable[];
export declare function environmentReadBy(reader: Reader, env: Env): Env;
export declare function readEnvironment(env: Env): EnvironmentValues;
export {};
