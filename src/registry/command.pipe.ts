import { PipeTransform } from '@nestjs/common';
import { InvalidTargetError, Validated, parseCommandValue } from '../target/target.validation';

/**
 * Turns a command message's raw value into a validated command, or throws InvalidTargetError
 * (which CommandExceptionFilter sends to the DLQ). With the binary parser the payload is the
 * value's bytes; for a null value the Nest transport hands over the whole message instead.
 */
export class CommandPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly validate: (input: unknown) => Validated<T>) {}

  transform(payload: unknown): T {
    const bytes = Buffer.isBuffer(payload) ? payload : null;
    const parsed = parseCommandValue(bytes);
    if (!parsed.ok) throw new InvalidTargetError(parsed.error);
    const command = this.validate(parsed.value);
    if (!command.ok) throw new InvalidTargetError(command.error);
    return command.value;
  }
}
