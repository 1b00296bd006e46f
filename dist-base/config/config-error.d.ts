export declare class ConfigError extends Error {
    readonly variable: string;
    constructor(variable: string, reason: string);
}
