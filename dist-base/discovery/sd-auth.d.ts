export interface SdCredentials {
    bearerToken: string | null;
    basicAuth: {
        username: string;
        password: string;
    } | null;
}
export declare function sdAuthRequired(credentials: SdCredentials): boolean;
export declare function sdAuthorized(credentials: SdCredentials, authorization: string | undefined): boolean;
export declare function sdAuthChallenge(credentials: SdCredentials): string;
