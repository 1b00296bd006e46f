import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { DeregisterTargetDto } from './dto/deregister-target.dto';
import { RegisterTargetDto, TargetDto } from './dto/register-target.dto';
import type { RegisterTarget } from './registration';
import { MAX_COMMAND_BYTES } from './target.rules';

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string };

/** An invalid command or request; `message` is one line naming the field. */
export class InvalidTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTargetError';
  }
}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const constraints = error.constraints ?? {};
    const reasons = Object.entries(constraints).map(([name, message]) =>
      name === 'whitelistValidation' ? 'is not a known field' : message,
    );
    const own = reasons.length > 0 ? [`${field}: ${reasons[0]}`] : [];
    return [...own, ...describe(error.children ?? [], `${field}.`)];
  });
}

function validateAs<T extends object>(cls: new () => T, input: unknown): Validated<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'value: must be a JSON object' };
  }
  // Own keys that class-transformer would never copy, so the whitelist would not see them.
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    if (Object.prototype.hasOwnProperty.call(input, key)) {
      return { ok: false, error: `${key}: is not a known field` };
    }
  }
  const dto = plainToInstance(cls, input);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  return errors.length === 0
    ? { ok: true, value: dto }
    : { ok: false, error: describe(errors).join('; ') };
}

function normalize(dto: TargetDto, applicationUuid: string): RegisterTarget {
  return {
    applicationUuid,
    host: dto.host,
    port: dto.port,
    path: dto.path ?? '/metrics',
    scheme: dto.scheme ?? 'http',
    labels: { ...(dto.labels ?? {}) },
    ttlSeconds: dto.ttlSeconds ?? null,
  };
}

/** SPEC §2.1 register rules over a parsed JSON value. */
export function validateRegisterTarget(input: unknown): Validated<RegisterTarget> {
  const result = validateAs(RegisterTargetDto, input);
  return result.ok
    ? { ok: true, value: normalize(result.value, result.value.applicationUuid) }
    : result;
}

/** The register rules for a body that carries no applicationUuid (the REST API's PUT). */
export function validateTargetFor(
  applicationUuid: string,
  input: unknown,
): Validated<RegisterTarget> {
  const id = validateDeregisterTarget({ applicationUuid });
  if (!id.ok) return id;
  const result = validateAs(TargetDto, input);
  return result.ok ? { ok: true, value: normalize(result.value, applicationUuid) } : result;
}

export function validateDeregisterTarget(input: unknown): Validated<{ applicationUuid: string }> {
  const result = validateAs(DeregisterTargetDto, input);
  return result.ok
    ? { ok: true, value: { applicationUuid: result.value.applicationUuid } }
    : result;
}

/** Turns the raw bytes of a command message into JSON, or says why they are not a command. */
export function parseCommandValue(value: Buffer | null | undefined): Validated<unknown> {
  if (value === null || value === undefined) {
    return { ok: false, error: 'value: is null (a tombstone is not a command)' };
  }
  if (value.length === 0) return { ok: false, error: 'value: is empty' };
  if (value.length > MAX_COMMAND_BYTES) {
    return {
      ok: false,
      error: `value: is ${value.length} bytes, over the ${MAX_COMMAND_BYTES}-byte limit`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(value.toString('utf8')) };
  } catch (error) {
    return { ok: false, error: `value: is not valid JSON (${(error as Error).message})` };
  }
}
