export type HeaderValue = Buffer | string | null | (Buffer | string | null)[] | undefined;
export declare function headerText(value: HeaderValue): string | null;
