export type HostPattern = {
    kind: 'name';
    name: string;
} | {
    kind: 'suffix';
    suffix: string;
} | {
    kind: 'network';
    address: string;
    prefixLength: number;
};
export interface PortRange {
    from: number;
    to: number;
}
export interface TargetPolicy {
    allowedHosts: readonly HostPattern[] | null;
    allowedPorts: readonly PortRange[] | null;
    deniedHosts: readonly HostPattern[];
}
export declare const ALLOWED_HOSTS = "REGISTRY_ALLOWED_HOSTS";
export declare const ALLOWED_PORTS = "REGISTRY_ALLOWED_PORTS";
export declare const DENIED_HOSTS = "REGISTRY_DENIED_HOSTS";
export declare function targetPolicyProblem(policy: TargetPolicy, target: {
    host: string;
    port: number;
}): string | null;
