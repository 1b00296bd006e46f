import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { Command, validateCommand } from '../target/command';
import type { Target } from '../target/target';
import { validateDeregister, validateTarget } from '../target/target.validation';
import { CommandExceptionFilter } from './command-exception.filter';
import { CommandProcessor } from './command-processor';
import { CommandPipe } from './command.pipe';

/** The commands, by name; the configuration says which topic carries each (CommandServer). */
export const COMMAND = 'command';
export const REGISTER = 'register';
export const DEREGISTER = 'deregister';

/**
 * The command handlers (SPEC §2.1): the ordered command topic, whose `op` says register or
 * deregister, and the two older topics of one command each. Validate, write, commit once acknowledged.
 */
@Controller()
@UseFilters(CommandExceptionFilter)
export class CommandsController {
  constructor(private readonly processor: CommandProcessor) {}

  @EventPattern(COMMAND)
  command(
    @Payload(new CommandPipe(validateCommand)) command: Command,
    @Ctx() context: KafkaContext,
  ): Promise<void> {
    return this.processor.apply(context, command);
  }

  @EventPattern(REGISTER)
  register(
    @Payload(new CommandPipe(validateTarget)) target: Target,
    @Ctx() context: KafkaContext,
  ): Promise<void> {
    return this.processor.apply(context, { op: 'register', target });
  }

  @EventPattern(DEREGISTER)
  deregister(
    @Payload(new CommandPipe(validateDeregister)) command: { applicationUuid: string },
    @Ctx() context: KafkaContext,
  ): Promise<void> {
    return this.processor.apply(context, { op: 'deregister', ...command });
  }
}
