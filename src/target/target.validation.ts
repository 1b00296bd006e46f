import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { DEFAULT_PATH, DEFAULT_SCHEME } from './registration';
import { Target } from './target';
import { APPLICATION_UUID, MAX_COMMAND_BYTES } from './target.rules';

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

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/** Own keys that class-transformer would never copy, so the whitelist would not see them. */
function hiddenKey(input: Record<string, unknown>): string | undefined {
  return ['__proto__', 'constructor', 'prototype'].find((key) =>
    Object.prototype.hasOwnProperty.call(input, key),
  );
}

/** The target with the SPEC defaults filled in; a lease stays absent when none was asked for. */
function withDefaults(dto: Target): Target {
  const target: Target = {
    applicationUuid: dto.applicationUuid,
    host: dto.host,
    port: dto.port,
    path: dto.path ?? DEFAULT_PATH,
    scheme: dto.scheme ?? DEFAULT_SCHEME,
    labels: { ...dto.labels },
  };
  if (dto.ttlSeconds !== undefined) target.ttlSeconds = dto.ttlSeconds;
  return target;
}

/** SPEC §2.1 register rules over a parsed JSON value; a port of digits becomes a number. */
export function validateTarget(input: unknown): Validated<Target> {
  if (!isObject(input)) return { ok: false, error: 'value: must be a JSON object' };
  const hidden = hiddenKey(input);
  if (hidden !== undefined) return { ok: false, error: `${hidden}: is not a known field` };
  const dto = plainToInstance(Target, input);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  return errors.length === 0
    ? { ok: true, value: withDefaults(dto) }
    : { ok: false, error: describe(errors).join('; ') };
}

/** The register rules for a body whose applicationUuid comes from elsewhere (the REST API's URL). */
export function validateTargetFor(applicationUuid: string, body: unknown): Validated<Target> {
  const id = validateDeregister({ applicationUuid });
  if (!id.ok) return id;
  if (!isObject(body)) return { ok: false, error: 'value: must be a JSON object' };
  if (Object.prototype.hasOwnProperty.call(body, 'applicationUuid')) {
    return { ok: false, error: 'applicationUuid: is not a known field' };
  }
  return validateTarget({ ...body, applicationUuid });
}

/** SPEC §2.1 deregister rules: `{"applicationUuid": …}` and nothing else. */
export function validateDeregister(input: unknown): Validated<{ applicationUuid: string }> {
  if (!isObject(input)) return { ok: false, error: 'value: must be a JSON object' };
  const { applicationUuid } = input;
  if (typeof applicationUuid !== 'string') {
    return { ok: false, error: 'applicationUuid: must be a string' };
  }
  if (!APPLICATION_UUID.test(applicationUuid)) {
    return { ok: false, error: `applicationUuid: must match ${APPLICATION_UUID.source}` };
  }
  const unknown = Object.keys(input).find((key) => key !== 'applicationUuid');
  if (unknown !== undefined) return { ok: false, error: `${unknown}: is not a known field` };
  return { ok: true, value: { applicationUuid } };
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
