import { DynamicModule, MiddlewareConsumer, NestModule } from '@nestjs/common';
import type { RegistryConfig } from '../config/registry.config';
export declare class TelemetryModule implements NestModule {
    static forRoot(config: RegistryConfig): DynamicModule;
    configure(consumer: MiddlewareConsumer): void;
}
