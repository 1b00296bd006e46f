import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { JSON_BODY_OPTIONS, requestBodyErrors } from './request-body';

function answer(handler: ReturnType<typeof requestBodyErrors>, error: object) {
  const res = {
    headersSent: false,
    statusCode: 0,
    body: undefined as unknown,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    json(body: unknown) {
      this.body = body;
      return this;
    },
  };
  handler(
    Object.assign(new Error('message of the library'), error),
    {} as Request,
    res as unknown as Response,
    (() => undefined) as NextFunction,
  );
  return { status: res.statusCode, body: res.body };
}

describe('requestBodyErrors', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it.each([
    [{ status: 413, type: 'entity.too.large' }, 413, 'body: is over the 65536-byte limit'],
    [{ status: 400, type: 'entity.parse.failed' }, 400, 'body: is not valid JSON'],
    [{ status: 415, type: 'charset.unsupported' }, 415, 'body: must be JSON in UTF-8'],
    [
      { status: 415, type: 'encoding.unsupported' },
      415,
      'body: must not be compressed (Content-Encoding)',
    ],
    [{ status: 400, type: 'request.aborted' }, 400, 'body: could not be read'],
    [{ status: 500, type: 'stream.encoding.set' }, 500, 'internal error'],
    [{ type: 'who.knows' }, 500, 'internal error'],
  ])('answers %j in the REST error shape', (bodyError, status, reason) => {
    expect(answer(requestBodyErrors(), bodyError)).toEqual({
      status,
      body: { statusCode: status, error: reason },
    });
  });

  it('logs each kind once, at warn, without a stack', () => {
    const handler = requestBodyErrors();
    for (let i = 0; i < 5; i++) {
      answer(handler, { status: 413, type: 'entity.too.large' });
      answer(handler, { status: 415, type: 'charset.unsupported' });
    }
    expect(error).not.toHaveBeenCalled();
    expect(warn.mock.calls).toEqual([
      [
        'request body refused with 413 (entity.too.large): body: is over the 65536-byte limit; later ones of this kind are not logged',
      ],
      [
        'request body refused with 415 (charset.unsupported): body: must be JSON in UTF-8; later ones of this kind are not logged',
      ],
    ]);
  });

  it('rejects a body that is not UTF-8 with a 400 naming the label', () => {
    const body = Buffer.concat([
      Buffer.from('{"labels":{"env":"'),
      Buffer.from([0xff]),
      Buffer.from('"}}'),
    ]);
    let thrown: (Error & { status?: number }) | undefined;
    try {
      JSON_BODY_OPTIONS.verify({} as never, undefined, body);
    } catch (e) {
      thrown = e as Error & { status?: number };
    }
    expect(thrown?.status).toBe(400);
    expect(thrown?.message).toBe('labels: value of "env" is not valid UTF-8');
    const verified = answer(requestBodyErrors(), {
      status: 400,
      type: 'entity.verify.failed',
      message: thrown!.message,
    });
    expect(verified).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'labels: value of "env" is not valid UTF-8' },
    });
    expect(() => JSON_BODY_OPTIONS.verify({} as never, undefined, Buffer.from('{}'))).not.toThrow();
  });
});
