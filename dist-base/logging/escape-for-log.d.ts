export declare function escapeForLog(text: string): string;
