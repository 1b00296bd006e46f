import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import {
  APPLICATION_UUID,
  MAX_PATH_LENGTH,
  MAX_TTL_SECONDS,
  MIN_TTL_SECONDS,
  hostProblem,
  isMetricsPath,
  isTargetHost,
  labelsProblem,
  toPort,
} from './target.rules';

export type Scheme = 'http' | 'https';

function IsTargetHost(): PropertyDecorator {
  return ValidateBy({
    name: 'isTargetHost',
    validator: {
      validate: (value) => typeof value === 'string' && isTargetHost(value),
      defaultMessage: (args) => hostProblem(String(args?.value)) ?? 'is invalid',
    },
  });
}

function IsMetricsPath(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMetricsPath',
      validator: { validate: (value) => typeof value === 'string' && isMetricsPath(value) },
    },
    {
      message: `must start with "/", contain no "?", "#", spaces, control characters or lone surrogates, and be at most ${MAX_PATH_LENGTH} characters`,
    },
  );
}

/** Optional means absent: an explicit null is a wrong type, not a default. */
function IsAbsentOr(): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function IsLabelSet(): PropertyDecorator {
  return ValidateBy({
    name: 'isLabelSet',
    validator: {
      validate: (value) => isPlainObject(value) && labelsProblem(value) === null,
      defaultMessage: (args) =>
        isPlainObject(args?.value)
          ? (labelsProblem(args.value) ?? 'is invalid')
          : 'must be an object of string values',
    },
  });
}

/**
 * A target as an application sends it (SPEC §2.1): the value of a register command, and with the
 * applicationUuid taken from the URL, the body of the REST API's PUT. The class-validator rules
 * are here; the API feature adds the OpenAPI description to this same class (api/target.openapi),
 * so the client entry never loads @nestjs/swagger.
 */
export class Target {
  @IsString({ message: 'must be a string' })
  @Matches(APPLICATION_UUID, { message: `must match ${APPLICATION_UUID.source}` })
  applicationUuid!: string;

  @IsString({ message: 'must be a string' })
  @IsTargetHost()
  host!: string;

  @Transform(({ value }) => toPort(value) ?? value)
  @IsInt({ message: 'must be an integer from 1 to 65535 (or a string of digits)' })
  @Min(1, { message: 'must be an integer from 1 to 65535' })
  @Max(65535, { message: 'must be an integer from 1 to 65535' })
  port!: number;

  @IsAbsentOr()
  @IsString({ message: 'must be a string' })
  @IsMetricsPath()
  path?: string;

  @IsAbsentOr()
  @IsIn(['http', 'https'], { message: 'must be "http" or "https"' })
  scheme?: Scheme;

  @IsAbsentOr()
  @IsObject({ message: 'must be an object of string values' })
  @IsLabelSet()
  labels?: Record<string, string>;

  @IsAbsentOr()
  @IsInt({ message: `must be an integer from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS}` })
  @Min(MIN_TTL_SECONDS, {
    message: `must be an integer from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS}`,
  })
  @Max(MAX_TTL_SECONDS, {
    message: `must be an integer from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS}`,
  })
  ttlSeconds?: number;
}
