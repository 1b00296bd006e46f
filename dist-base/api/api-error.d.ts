import { HttpException } from '@nestjs/common';
export declare function apiError(statusCode: number, error: string): HttpException;
