import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Target } from '../target/target';
import {
  APPLICATION_UUID,
  MAX_LABELS,
  MAX_LABEL_VALUE_LENGTH,
  MAX_PATH_LENGTH,
  MAX_TTL_SECONDS,
  MIN_TTL_SECONDS,
} from '../target/target.rules';

/**
 * The OpenAPI description of Target, added to the class itself here rather than where it is
 * defined, so the client entry (which validates with Target) never loads @nestjs/swagger.
 */
const describe = (property: keyof Target, decorator: PropertyDecorator) =>
  decorator(Target.prototype, property);

describe(
  'applicationUuid',
  ApiProperty({ example: 'shdr-gateway-1', pattern: APPLICATION_UUID.source }),
);
describe(
  'host',
  ApiProperty({
    example: 'shdr-gateway',
    maxLength: 253,
    description:
      'A host name (letters, digits, ".", "-", "_"), an IPv4 or an IPv6 address; no scheme, port or path.',
  }),
);
describe(
  'port',
  ApiProperty({
    example: 4000,
    minimum: 1,
    maximum: 65535,
    oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d{1,5}$' }],
    description: 'An integer 1–65535 (a string of digits is accepted and converted).',
  }),
);
describe(
  'path',
  ApiPropertyOptional({
    example: '/metrics',
    default: '/metrics',
    maxLength: MAX_PATH_LENGTH,
    description: 'Starts with "/"; no "?", "#", spaces or control characters.',
  }),
);
describe('scheme', ApiPropertyOptional({ enum: ['http', 'https'], default: 'http' }));
describe(
  'labels',
  ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: MAX_LABEL_VALUE_LENGTH },
    maxProperties: MAX_LABELS,
    example: { env: 'prod', line: '3' },
    description:
      'Prometheus labels: names match ^[a-zA-Z_][a-zA-Z0-9_]*$ and do not start with "__".',
  }),
);
describe(
  'ttlSeconds',
  ApiPropertyOptional({
    type: 'integer',
    minimum: MIN_TTL_SECONDS,
    maximum: MAX_TTL_SECONDS,
    example: 60,
    description:
      'A lease: without a new PUT within ttlSeconds the target is no longer served. Absent = no expiry.',
  }),
);

/** The PUT body: a Target whose applicationUuid is in the URL (named for the OpenAPI schema). */
export class TargetBody extends OmitType(Target, ['applicationUuid'] as const) {}
