import { CanActivate, ExecutionContext } from '@nestjs/common';
import { RegistryConfig } from '../config/registry.config';
export declare class ApiTokenGuard implements CanActivate {
    private readonly config;
    constructor(config: RegistryConfig);
    canActivate(context: ExecutionContext): boolean;
}
