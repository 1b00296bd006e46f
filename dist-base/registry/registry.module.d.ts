export declare class RegistryModule {
}
