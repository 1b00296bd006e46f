import { PipeTransform } from '@nestjs/common';
import { Validated } from '../target/target.validation';
export declare class CommandPipe<T> implements PipeTransform<unknown, T> {
    private readonly validate;
    constructor(validate: (input: unknown) => Validated<T>);
    transform(payload: unknown): T;
}
