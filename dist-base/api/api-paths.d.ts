export declare const TARGETS_PATH = "api/v1/targets";
