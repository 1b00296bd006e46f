export interface StatusCredentials {
    bearerTokens: string[];
    basicAuth: {
        username: string;
        password: string;
    } | null;
}
export declare function statusCredentials(config: {
    sdBearerToken: string | null;
    sdBasicAuth: {
        username: string;
        password: string;
    } | null;
    apiToken: string | null;
}): StatusCredentials;
export declare function statusAuthRequired(credentials: StatusCredentials): boolean;
export declare function statusAuthorized(credentials: StatusCredentials, authorization: string | undefined): boolean;
export declare const STATUS_AUTH_CHALLENGE = "Basic realm=\"metrics-registry\", charset=\"UTF-8\", Bearer realm=\"metrics-registry\"";
