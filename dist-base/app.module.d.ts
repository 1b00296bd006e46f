import { DynamicModule, Type } from '@nestjs/common';
import { RegistryConfig } from './config/registry.config';
export declare class AppModule {
    static forRoot(config: RegistryConfig, api?: Type | null): DynamicModule;
}
