import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MAX_LABELS,
  MAX_LABEL_VALUE_LENGTH,
  MAX_PATH_LENGTH,
  MAX_TTL_SECONDS,
  MIN_TTL_SECONDS,
} from '../../registry/target.rules';

/**
 * The body of `PUT /api/v1/targets/{applicationUuid}`, for the OpenAPI description only: requests
 * are checked by validateTargetFor, the rules the Kafka commands are checked by.
 */
export class TargetBody {
  @ApiProperty({
    example: 'shdr-gateway',
    maxLength: 253,
    description:
      'A host name (letters, digits, ".", "-", "_"), an IPv4 or an IPv6 address; no scheme, port or path.',
  })
  host!: string;

  @ApiProperty({
    example: 4000,
    minimum: 1,
    maximum: 65535,
    oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d{1,5}$' }],
    description: 'An integer 1–65535 (a string of digits is accepted and converted).',
  })
  port!: number;

  @ApiPropertyOptional({
    example: '/metrics',
    default: '/metrics',
    maxLength: MAX_PATH_LENGTH,
    description: 'Starts with "/"; no "?", "#", spaces or control characters.',
  })
  path?: string;

  @ApiPropertyOptional({ enum: ['http', 'https'], default: 'http' })
  scheme?: 'http' | 'https';

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: MAX_LABEL_VALUE_LENGTH },
    maxProperties: MAX_LABELS,
    example: { env: 'prod', line: '3' },
    description:
      'Prometheus labels: names match ^[a-zA-Z_][a-zA-Z0-9_]*$ and do not start with "__".',
  })
  labels?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: MIN_TTL_SECONDS,
    maximum: MAX_TTL_SECONDS,
    example: 60,
    description:
      'A lease: without a new PUT within ttlSeconds the target is no longer served. Absent = no expiry.',
  })
  ttlSeconds?: number;
}
