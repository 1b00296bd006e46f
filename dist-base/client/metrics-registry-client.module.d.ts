import { DynamicModule, FactoryProvider, ModuleMetadata } from '@nestjs/common';
import { MetricsRegistryClientOptions } from './metrics-registry.client';
import type { Target } from '../target/target';
export interface MetricsRegistryClientModuleOptions extends MetricsRegistryClientOptions {
    target: Target;
}
export interface MetricsRegistryClientModuleAsyncOptions {
    imports?: ModuleMetadata['imports'];
    inject?: FactoryProvider['inject'];
    useFactory: FactoryProvider<MetricsRegistryClientModuleOptions | Promise<MetricsRegistryClientModuleOptions>>['useFactory'];
}
export declare const METRICS_REGISTRY_CLIENT_OPTIONS: unique symbol;
export declare class MetricsRegistryClientModule {
    static forRoot(options: MetricsRegistryClientModuleOptions): DynamicModule;
    static forRootAsync(options: MetricsRegistryClientModuleAsyncOptions): DynamicModule;
    private static withOptions;
}
