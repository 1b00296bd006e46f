import type { HostPattern, PortRange } from '../target/target.policy';
export declare const DEFAULT_DENIED_HOSTS: string;
export declare function hostPatterns(value: string, name: string): HostPattern[];
export declare function deniedHostPatterns(value: string, name: string): HostPattern[];
export declare function portRanges(value: string, name: string): PortRange[];
export declare function bindAddress(value: string, name: string): string;
