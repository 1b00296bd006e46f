import 'reflect-metadata';
export declare function serve(env?: NodeJS.ProcessEnv, loadedFrom?: string | null): Promise<void>;
export declare function run(loadedFrom?: string | null): void;
