import { Logger } from '@nestjs/common';
import type { ErrorRequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { escapeForLog } from '../logging/escape-for-log';
import { MAX_COMMAND_BYTES } from '../target/target.rules';
import { utf8Problem } from '../target/target.validation';

/** The REST API's JSON bodies: as large as a command may be, UTF-8, not compressed. */
export const REQUEST_BODY_LIMIT = MAX_COMMAND_BYTES;

interface BodyError extends Error {
  status?: number;
  type?: string;
}

/** body-parser's `verify`: bytes that are not UTF-8 would be read as U+FFFD and served so. */
function rejectInvalidUtf8(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  const problem = utf8Problem(body, 'body');
  if (problem !== null) throw Object.assign(new Error(problem), { status: 400 });
}

/** Options of express.json() for the REST API. */
export const JSON_BODY_OPTIONS = {
  limit: REQUEST_BODY_LIMIT,
  inflate: false,
  // Any JSON value: the handler names what is wrong with one that is not an object.
  strict: false,
  verify: rejectInvalidUtf8,
};

const REASONS: Record<string, [number, string]> = {
  'entity.too.large': [413, `body: is over the ${REQUEST_BODY_LIMIT}-byte limit`],
  'entity.parse.failed': [400, 'body: is not valid JSON'],
  'charset.unsupported': [415, 'body: must be JSON in UTF-8'],
  'encoding.unsupported': [415, 'body: must not be compressed (Content-Encoding)'],
};

function answer(error: BodyError): [number, string] {
  const known = REASONS[error.type ?? ''];
  if (known !== undefined) return known;
  const status = error.status ?? 500;
  if (status < 400 || status >= 500) return [500, 'internal error'];
  return [
    status,
    error.type === 'entity.verify.failed' ? error.message : 'body: could not be read',
  ];
}

/**
 * Answers a body that could not be read in the REST API's error shape, never with a stack or
 * Express' HTML page. Any client can cause these, so each kind is logged once, at warn.
 */
export function requestBodyErrors(): ErrorRequestHandler {
  const logger = new Logger('RequestBody');
  const logged = new Set<string>();
  return (error: BodyError, _req, res, next) => {
    if (res.headersSent) return next(error);
    const [statusCode, reason] = answer(error);
    const kind = error.type ?? 'unknown';
    if (!logged.has(kind)) {
      logged.add(kind);
      logger.warn(
        `request body refused with ${statusCode} (${kind}): ${escapeForLog(reason)}; later ones of this kind are not logged`,
      );
    }
    res.status(statusCode).json({ statusCode, error: reason });
  };
}
