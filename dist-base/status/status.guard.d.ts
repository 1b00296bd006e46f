import { CanActivate, ExecutionContext, HttpException } from '@nestjs/common';
import { RegistryConfig } from '../config/registry.config';
export declare function statusError(statusCode: number, error: string): HttpException;
export declare class StatusAuthGuard implements CanActivate {
    private readonly credentials;
    constructor(config: RegistryConfig);
    canActivate(context: ExecutionContext): boolean;
}
