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
 * refuses, or one that does not validate. A refused or invalid record is the key's last word
 * all the same (compaction keeps it, not the registration before it), so its key is not served,
 * as after a delete; `applicationUuid` is null when the key itself is invalid.
 */
export type StateRecord =
  | { kind: 'put'; registration: Registration }
  | { kind: 'delete'; applicationUuid: string }
  | { kind: 'denied'; applicationUuid: string; reason: string }
  | { kind: 'invalid'; applicationUuid: string | null; reason: string };

function epochMillis(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function invalid(applicationUuid: string | null, reason: string): StateRecord {
  return { kind: 'invalid', applicationUuid, reason };
}

export function decodeStateRecord(
  key: Buffer | null,
  value: Buffer | null,
  policy: TargetPolicy,
): StateRecord {
  if (key === null || key.length === 0) return invalid(null, 'key: is missing');
  const applicationUuid = key.toString('utf8');
  if (!APPLICATION_UUID.test(applicationUuid)) {
    return invalid(null, `key: must match ${APPLICATION_UUID.source}`);
  }
  if (value === null) return { kind: 'delete', applicationUuid };
  const notUtf8 = utf8Problem(value);
  if (notUtf8 !== null) return invalid(applicationUuid, notUtf8);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return invalid(applicationUuid, 'value: is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return invalid(applicationUuid, 'value: must be a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  const host = record.HOST;
  if (typeof host !== 'string') return invalid(applicationUuid, 'HOST: must be a string');
  const badHost = hostProblem(host);
  if (badHost !== null) return invalid(applicationUuid, `HOST: ${badHost}`);
  const port = toPort(record.PORT);
  if (port === null) return invalid(applicationUuid, 'PORT: must be an integer from 1 to 65535');
  const path = record.PATH ?? DEFAULT_PATH;
  if (typeof path !== 'string' || !isMetricsPath(path))
    return invalid(applicationUuid, 'PATH: is not a valid path');
  const scheme = record.SCHEME ?? 'http';
  if (scheme !== 'http' && scheme !== 'https')
    return invalid(applicationUuid, 'SCHEME: must be "http" or "https"');
  const labels = record.LABELS ?? {};
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    return invalid(applicationUuid, 'LABELS: must be an object');
  }
  const labelProblem = labelsProblem(labels as Record<string, unknown>);
  if (labelProblem !== null) return invalid(applicationUuid, `LABELS: ${labelProblem}`);
  const expiresAt = epochMillis(record.EXPIRES_AT);
  if (expiresAt === undefined)
    return invalid(applicationUuid, 'EXPIRES_AT: must be epoch milliseconds');
  const updatedAt = epochMillis(record.UPDATED_AT);
  if (updatedAt === undefined)
    return invalid(applicationUuid, 'UPDATED_AT: must be epoch milliseconds');
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
