import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RegistryConfig } from '../config/registry.config';
import { bearerTokenMatches } from '../auth/authorization';
import { apiError } from './api-error';

/** Every API request needs `Authorization: Bearer <REGISTRY_API_TOKEN>` (SPEC §3.5). */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(private readonly config: RegistryConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const { authorization } = http.getRequest<Request>().headers;
    const token = this.config.apiToken;
    if (token !== null && bearerTokenMatches(token, authorization)) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics-registry"');
    throw apiError(401, 'missing or wrong bearer token');
  }
}
