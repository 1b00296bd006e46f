import type { Registration } from '../target/registration';
export type RegistrationJson = Omit<Registration, 'expiresAt' | 'updatedAt'> & {
    expiresAt: string | null;
    updatedAt: string | null;
};
export declare function registrationJson(registration: Registration): RegistrationJson;
