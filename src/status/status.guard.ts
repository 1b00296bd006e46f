import { CanActivate, ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RegistryConfig } from '../config/registry.config';
import {
  STATUS_AUTH_CHALLENGE,
  StatusCredentials,
  statusAuthorized,
  statusCredentials,
} from './status-auth';

/** An error answered as `{"statusCode":…,"error":"…"}`, the registry's error shape. */
export function statusError(statusCode: number, error: string): HttpException {
  return new HttpException({ statusCode, error }, statusCode);
}

/** The status page and explain need a credential of the SD endpoint or the REST API, if either has one. */
@Injectable()
export class StatusAuthGuard implements CanActivate {
  private readonly credentials: StatusCredentials;

  constructor(config: RegistryConfig) {
    this.credentials = statusCredentials(config);
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    if (statusAuthorized(this.credentials, http.getRequest<Request>().headers.authorization)) {
      return true;
    }
    http.getResponse<Response>().setHeader('WWW-Authenticate', STATUS_AUTH_CHALLENGE);
    throw statusError(
      401,
      'missing or wrong credentials: send the SD or REST API bearer token, or SD_BASIC_AUTH',
    );
  }
}
