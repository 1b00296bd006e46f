import { Controller, Type, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import type { RegistryTopics } from '../config/registry.config';
import { CommandExceptionFilter } from './command-exception.filter';
import { CommandCommitter, heartbeatOf } from './command-committer';
import { CommandPipe } from './command.pipe';
import { validateDeregisterTarget, validateRegisterTarget } from './command.validation';
import type { RegisterTarget } from './registration';
import { RegistryService } from './registry.service';

/**
 * The register and deregister handlers. Topic names are configuration, and Nest patterns are
 * decorator arguments, so the controller class is made for the configured topics.
 */
export function registryCommandsController(topics: RegistryTopics): Type<unknown> {
  @Controller()
  @UseFilters(CommandExceptionFilter)
  class RegistryCommandsController {
    constructor(
      private readonly registry: RegistryService,
      private readonly committer: CommandCommitter,
    ) {}

    @EventPattern(topics.register)
    async register(
      @Payload(new CommandPipe(validateRegisterTarget)) command: RegisterTarget,
      @Ctx() context: KafkaContext,
    ): Promise<void> {
      const written = this.registry.register(command, heartbeatOf(context));
      await this.committer.track(
        context,
        written.then(() => undefined),
      );
    }

    @EventPattern(topics.deregister)
    async deregister(
      @Payload(new CommandPipe(validateDeregisterTarget)) command: { applicationUuid: string },
      @Ctx() context: KafkaContext,
    ): Promise<void> {
      await this.committer.track(
        context,
        this.registry.deregister(command.applicationUuid, heartbeatOf(context)),
      );
    }
  }
  return RegistryCommandsController;
}
