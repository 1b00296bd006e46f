import {
  InvalidTargetError,
  validateDeregisterTarget,
  validateRegisterTarget,
} from '../registry/command.validation';
import type { RegisterTarget, Scheme } from '../registry/registration';

/** What an application announces (SPEC §2.1): the register command before defaults are applied. */
export interface TargetRegistration {
  applicationUuid: string;
  host: string;
  /** An integer 1–65535, or a string of digits. */
  port: number | string;
  /** Default `/metrics`. */
  path?: string;
  /** Default `http`. */
  scheme?: Scheme;
  labels?: Record<string, string>;
  /** A lease of 5–86400 s, renewed by the client every third of it; absent = no expiry. */
  ttlSeconds?: number;
}

/** The JSON value of a register command, as the registry's command topic expects it. */
export type RegisterMessage = Omit<RegisterTarget, 'ttlSeconds'> & { ttlSeconds?: number };

/**
 * Checks a registration with the registry's own rules and returns the command to send, or throws
 * InvalidTargetError with the same "field: reason" line the registry would put in the DLQ.
 */
export function registerMessage(
  target: TargetRegistration | Record<string, unknown>,
): RegisterMessage {
  const result = validateRegisterTarget(target);
  if (!result.ok) throw new InvalidTargetError(result.error);
  return messageOf(result.value);
}

function messageOf(command: RegisterTarget): RegisterMessage {
  const { ttlSeconds, ...rest } = command;
  return ttlSeconds === null ? rest : { ...rest, ttlSeconds };
}

/** Checks an applicationUuid for a deregister command, with the registry's rules. */
export function deregisterMessage(applicationUuid: string): { applicationUuid: string } {
  const result = validateDeregisterTarget({ applicationUuid });
  if (!result.ok) throw new InvalidTargetError(result.error);
  return result.value;
}

/** Renewing every third of the lease leaves two renewals' worth of slack before it runs out. */
export function renewalIntervalMs(ttlSeconds: number): number {
  return Math.floor((ttlSeconds * 1000) / 3);
}
