import { DEFAULT_PATH, type Registration } from '../target/registration';
import {
  APPLICATION_UUID,
  hostProblem,
  isMetricsPath,
  labelsProblem,
  toPort,
} from '../target/target.rules';
import { TargetPolicy, targetPolicyProblem } from '../target/target.policy';
import { utf8Problem } from '../target/target.validation';

/**
 * The state topic's record format (SPEC §2.3), shared with OpenFactory's ksqlDB table:
 * key = applicationUuid, value = {HOST, PORT, PATH, SCHEME, LABELS, EXPIRES_AT, UPDATED_AT}.
 */
export interface StateRecordValue {
  HOST: string;
  PORT: number;
  PATH: string;
  SCHEME: string;
  LABELS: Record<string, string>;
  EXPIRES_AT: number | null;
  UPDATED_AT: number | null;
}

export function encodeStateValue(registration: Registration): Buffer {
  const value: StateRecordValue = {
    HOST: registration.host,
    PORT: registration.port,
    PATH: registration.path,
    SCHEME: registration.scheme,
    LABELS: registration.labels,
    EXPIRES_AT: registration.expiresAt,
    UPDATED_AT: registration.updatedAt,
  };
  return Buffer.from(JSON.stringify(value));
}

/**
 * A decoded record: a registration, a tombstone (delete), a registration the target policy
 * refuses (its key is then not served, as after a delete), or why the record is skipped.
 */
export type StateRecord =
  | { kind: 'put'; registration: Registration }
  | { kind: 'delete'; applicationUuid: string }
  | { kind: 'denied'; applicationUuid: string; reason: string }
  | { kind: 'invalid'; reason: string };

function epochMillis(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function decodeStateRecord(
  key: Buffer | null,
  value: Buffer | null,
  policy: TargetPolicy,
): StateRecord {
  if (key === null || key.length === 0) return { kind: 'invalid', reason: 'key: is missing' };
  const applicationUuid = key.toString('utf8');
  if (!APPLICATION_UUID.test(applicationUuid)) {
    return { kind: 'invalid', reason: `key: must match ${APPLICATION_UUID.source}` };
  }
  if (value === null) return { kind: 'delete', applicationUuid };
  const notUtf8 = utf8Problem(value);
  if (notUtf8 !== null) return { kind: 'invalid', reason: notUtf8 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return { kind: 'invalid', reason: 'value: is not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'invalid', reason: 'value: must be a JSON object' };
  }
  const record = parsed as Record<string, unknown>;
  const host = record.HOST;
  if (typeof host !== 'string') return { kind: 'invalid', reason: 'HOST: must be a string' };
  const badHost = hostProblem(host);
  if (badHost !== null) return { kind: 'invalid', reason: `HOST: ${badHost}` };
  const port = toPort(record.PORT);
  if (port === null) return { kind: 'invalid', reason: 'PORT: must be an integer from 1 to 65535' };
  const path = record.PATH ?? DEFAULT_PATH;
  if (typeof path !== 'string' || !isMetricsPath(path))
    return { kind: 'invalid', reason: 'PATH: is not a valid path' };
  const scheme = record.SCHEME ?? 'http';
  if (scheme !== 'http' && scheme !== 'https')
    return { kind: 'invalid', reason: 'SCHEME: must be "http" or "https"' };
  const labels = record.LABELS ?? {};
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    return { kind: 'invalid', reason: 'LABELS: must be an object' };
  }
  const labelProblem = labelsProblem(labels as Record<string, unknown>);
  if (labelProblem !== null) return { kind: 'invalid', reason: `LABELS: ${labelProblem}` };
  const expiresAt = epochMillis(record.EXPIRES_AT);
  if (expiresAt === undefined)
    return { kind: 'invalid', reason: 'EXPIRES_AT: must be epoch milliseconds' };
  const updatedAt = epochMillis(record.UPDATED_AT);
  if (updatedAt === undefined)
    return { kind: 'invalid', reason: 'UPDATED_AT: must be epoch milliseconds' };
  const denied = targetPolicyProblem(policy, { host, port });
  if (denied !== null) return { kind: 'denied', applicationUuid, reason: denied };
  const held = labels as Record<string, string>;
  for (const name in held) held[name] = sharedText(held[name]);
  return {
    kind: 'put',
    registration: {
      applicationUuid,
      host,
      port,
      path: sharedText(path),
      scheme: scheme === 'http' ? 'http' : 'https',
      labels: held,
      expiresAt,
      updatedAt,
    },
  };
}

/** Texts held once however many registrations repeat them; new ones are added up to the bound. */
const SHARED_TEXTS_MAX = 10_000;
const SHARED_TEXT_MAX_LENGTH = 64;
const sharedTexts = new Map<string, string>();

/**
 * One copy of a short text that many registrations repeat (a path, a label value such as an
 * environment or a team): JSON.parse makes a new string for every record, and 100,000
 * registrations would otherwise hold 100,000 copies of "production".
 */
function sharedText(text: string): string {
  if (text.length > SHARED_TEXT_MAX_LENGTH) return text;
  const shared = sharedTexts.get(text);
  if (shared !== undefined) return shared;
  if (sharedTexts.size < SHARED_TEXTS_MAX) sharedTexts.set(text, text);
  return text;
}
