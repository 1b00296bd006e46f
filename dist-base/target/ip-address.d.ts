export type IpAddress = Uint8Array;
export declare function isIpv4(text: string): boolean;
export declare function parseIpAddress(text: string): IpAddress | null;
export declare function isIpv6(text: string): boolean;
export declare const IPV4_PREFIX_OFFSET = 96;
export declare function inNetwork(address: IpAddress, base: IpAddress, prefixLength: number): boolean;
