import {
  DynamicModule,
  FactoryProvider,
  Inject,
  Injectable,
  Module,
  ModuleMetadata,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Provider,
} from '@nestjs/common';
import { MetricsRegistryClient, MetricsRegistryClientOptions } from './metrics-registry.client';
import type { Target } from '../target/target';

export interface MetricsRegistryClientModuleOptions extends MetricsRegistryClientOptions {
  /** The target this application registers at bootstrap and withdraws at shutdown. */
  target: Target;
}

export interface MetricsRegistryClientModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: FactoryProvider<
    MetricsRegistryClientModuleOptions | Promise<MetricsRegistryClientModuleOptions>
  >['useFactory'];
}

export const METRICS_REGISTRY_CLIENT_OPTIONS = Symbol('METRICS_REGISTRY_CLIENT_OPTIONS');

/** Registers the target once the application has bootstrapped; withdraws it on shutdown. */
@Injectable()
class TargetRegistrationLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(METRICS_REGISTRY_CLIENT_OPTIONS)
    private readonly options: MetricsRegistryClientModuleOptions,
    private readonly client: MetricsRegistryClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.client.register(this.options.target);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

/**
 * A Nest application's registration: `MetricsRegistryClientModule.forRoot({ brokers, target })`
 * registers `target` on bootstrap, renews its lease, and deregisters on `app.close()` (or on
 * SIGTERM with `app.enableShutdownHooks()`). The client is injectable for other targets.
 */
@Module({})
export class MetricsRegistryClientModule {
  static forRoot(options: MetricsRegistryClientModuleOptions): DynamicModule {
    return this.withOptions({ provide: METRICS_REGISTRY_CLIENT_OPTIONS, useValue: options });
  }

  static forRootAsync(options: MetricsRegistryClientModuleAsyncOptions): DynamicModule {
    return this.withOptions(
      {
        provide: METRICS_REGISTRY_CLIENT_OPTIONS,
        inject: options.inject ?? [],
        useFactory: options.useFactory,
      },
      options.imports,
    );
  }

  private static withOptions(
    options: Provider,
    imports: ModuleMetadata['imports'] = [],
  ): DynamicModule {
    return {
      module: MetricsRegistryClientModule,
      imports,
      providers: [
        options,
        {
          provide: MetricsRegistryClient,
          inject: [METRICS_REGISTRY_CLIENT_OPTIONS],
          useFactory: ({ target: _target, ...client }: MetricsRegistryClientModuleOptions) =>
            new MetricsRegistryClient(client),
        },
        TargetRegistrationLifecycle,
      ],
      exports: [MetricsRegistryClient],
    };
  }
}
