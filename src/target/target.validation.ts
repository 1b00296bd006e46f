import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { isUtf8 } from 'node:buffer';
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

/** Far deeper than a valid command (labels, an object of strings, is 1); class-transformer recurses per level. */
export const MAX_NESTING = 8;

/** A field name as a reason starts with it: as given when it looks like one, else quoted as JSON. */
function fieldName(name: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(name) ? name : JSON.stringify(name);
}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const field = `${prefix}${fieldName(error.property)}`;
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

/** Whether a value nests objects or arrays more than `limit` levels deep (walked level by level). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 1; ; depth++) {
    const containers = level.filter((v): v is object => typeof v === 'object' && v !== null);
    if (containers.length === 0) return false;
    if (depth > limit) return true;
    level = containers.flatMap((container) => Object.values(container));
  }
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
  const deep = Object.keys(input).find((key) => nestedDeeperThan(input[key], MAX_NESTING));
  if (deep !== undefined) {
    return {
      ok: false,
      error: `${fieldName(deep)}: is nested more than ${MAX_NESTING} levels deep`,
    };
  }
  // class-transformer takes label names such as "constructor" or "toString" for the object's own
  // machinery (and crashes or drops them): the labels are checked as parsed, never copied by it.
  const { labels, ...fields } = input;
  const dto = plainToInstance(Target, fields);
  if (labels !== undefined) dto.labels = labels as Record<string, string>;
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
  if (unknown !== undefined)
    return { ok: false, error: `${fieldName(unknown)}: is not a known field` };
  return { ok: true, value: { applicationUuid } };
}

/**
 * SPEC §2.1: a producer that sets a key sets the applicationUuid, which is what orders a target's
 * commands (one partition) and what the state topic is compacted by.
 */
export function keyProblem(key: Buffer | null | undefined, applicationUuid: string): string | null {
  if (key === null || key === undefined || key.toString('utf8') === applicationUuid) return null;
  return 'key: must be the applicationUuid (or absent)';
}

const REPLACEMENT = '\ufffd';

/**
 * What holds the bad bytes ("path:", "labels: value of \"env\"") when every U+FFFD in `text`
 * came from them, so that none was sent on purpose; null when that cannot be told.
 */
function invalidUtf8Subject(bytes: Buffer, text: string): string | null {
  if (bytes.includes(Buffer.from(REPLACEMENT)) || /\\u[fF]{3}[dD]/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  for (const [key, value] of Object.entries(parsed)) {
    if (key.includes(REPLACEMENT)) return null;
    if (typeof value === 'string' && value.includes(REPLACEMENT)) return `${fieldName(key)}:`;
    if (key === 'labels' && isObject(value)) {
      for (const [name, label] of Object.entries(value)) {
        if (name.includes(REPLACEMENT)) return 'labels: a label name';
        if (typeof label === 'string' && label.includes(REPLACEMENT)) {
          return `labels: value of ${JSON.stringify(name)}`;
        }
      }
    }
  }
  return null;
}

/**
 * Why bytes are not UTF-8 text, naming the field or label that holds the bad bytes when that can
 * be told apart from a U+FFFD sent on purpose, else `whole` (the command's value, a request body);
 * null when they are UTF-8.
 */
export function utf8Problem(bytes: Buffer, whole = 'value'): string | null {
  if (isUtf8(bytes)) return null;
  const subject = invalidUtf8Subject(bytes, bytes.toString('utf8')) ?? `${whole}:`;
  return `${subject} is not valid UTF-8`;
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
  const notUtf8 = utf8Problem(value);
  if (notUtf8 !== null) return { ok: false, error: notUtf8 };
  try {
    return { ok: true, value: JSON.parse(value.toString('utf8')) };
  } catch (error) {
    return { ok: false, error: `value: is not valid JSON (${(error as Error).message})` };
  }
}
