import { DynamicModule } from '@nestjs/common';
export declare class DiscoveryModule {
    static at(path: string): DynamicModule[];
}
