import { HttpException } from '@nestjs/common';

/** An API error answered as `{"statusCode":…,"error":"…"}`, the shape the SD endpoint uses too. */
export function apiError(statusCode: number, error: string): HttpException {
  return new HttpException({ statusCode, error }, statusCode);
}
