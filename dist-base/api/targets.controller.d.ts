import type { Response } from 'express';
import { RegistryConfig } from '../config/registry.config';
import { RegistryService, StateTopicReader, TargetView } from '../registry';
import { RegistrationJson } from './registration.json';
export declare class TargetsController {
    private readonly view;
    private readonly reader;
    private readonly registry;
    private readonly config;
    constructor(view: TargetView, reader: StateTopicReader, registry: RegistryService, config: RegistryConfig);
    list(res: Response): RegistrationJson[];
    put(applicationUuid: string, body: unknown, res: Response): Promise<RegistrationJson>;
    delete(applicationUuid: string, res: Response): Promise<void>;
    private write;
}
