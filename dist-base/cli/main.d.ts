#!/usr/bin/env node
export declare function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number | null>;
