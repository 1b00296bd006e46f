import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import type { Target } from '../target/target';
import { validateDeregister, validateTarget } from '../target/target.validation';
import { CommandCommitter, heartbeatOf } from './command-committer';
import { CommandExceptionFilter } from './command-exception.filter';
import { CommandPipe } from './command.pipe';
import { RegistryService } from './registry.service';

/** The commands, by name; the configuration says which topic carries each (CommandServer). */
export const REGISTER = 'register';
export const DEREGISTER = 'deregister';

/** The register and deregister handlers (SPEC §2.1): validate, write, commit once acknowledged. */
@Controller()
@UseFilters(CommandExceptionFilter)
export class CommandsController {
  constructor(
    private readonly registry: RegistryService,
    private readonly committer: CommandCommitter,
  ) {}

  @EventPattern(REGISTER)
  async register(
    @Payload(new CommandPipe(validateTarget)) target: Target,
    @Ctx() context: KafkaContext,
  ): Promise<void> {
    const written = this.registry.register(target, heartbeatOf(context));
    await this.committer.track(
      context,
      written.then(() => undefined),
    );
  }

  @EventPattern(DEREGISTER)
  async deregister(
    @Payload(new CommandPipe(validateDeregister)) command: { applicationUuid: string },
    @Ctx() context: KafkaContext,
  ): Promise<void> {
    await this.committer.track(
      context,
      this.registry.deregister(command.applicationUuid, heartbeatOf(context)),
    );
  }
}
