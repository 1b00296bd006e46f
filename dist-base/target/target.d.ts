export type Scheme = 'http' | 'https';
export declare class Target {
    applicationUuid: string;
    host: string;
    port: number;
    path?: string;
    scheme?: Scheme;
    labels?: Record<string, string>;
    ttlSeconds?: number;
}
