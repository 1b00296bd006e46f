import { INestApplication } from '@nestjs/common';
import { RegistryConfig } from './config/registry.config';
export declare function startRegistryApp(config: RegistryConfig): Promise<INestApplication>;
