export declare function safeEqual(given: string, expected: string): boolean;
export declare function parseAuthorization(header: string | undefined): {
    scheme: string;
    credentials: string;
} | null;
export declare function bearerTokenMatches(token: string, header: string | undefined): boolean;
export declare function basicAuthMatches(expected: {
    username: string;
    password: string;
}, header: string | undefined): boolean;
