import { ApiProperty } from '@nestjs/swagger';
import type { TargetItem } from '../target-item';

/** A registration as the REST API answers it (OpenAPI description of TargetItem). */
export class TargetItemDto implements TargetItem {
  @ApiProperty({ example: 'shdr-gateway-1' })
  applicationUuid!: string;

  @ApiProperty({ example: 'shdr-gateway' })
  host!: string;

  @ApiProperty({ type: 'integer', example: 4000 })
  port!: number;

  @ApiProperty({ example: '/metrics' })
  path!: string;

  @ApiProperty({ enum: ['http', 'https'] })
  scheme!: 'http' | 'https';

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { env: 'prod', line: '3' },
  })
  labels!: Record<string, string>;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the lease runs out; null = no expiry.',
  })
  expiresAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the registration was written; null for records written without it.',
  })
  updatedAt!: string | null;
}

/** The error body of every 4xx/5xx answer of the API. */
export class ApiErrorDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'port: must be an integer from 1 to 65535' })
  error!: string;
}
