import type { Registration } from '../target/registration';
export declare function sdGroupJson(registration: Registration): string;
export declare function renderSdBody(registrations: readonly Registration[]): string;
