import { Injectable } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { RegistryConfig } from '../config/registry.config';
import { Command, validateCommand } from '../target/command';
import { targetPolicyProblem } from '../target/target.policy';
import {
  InvalidTargetError,
  Validated,
  keyProblem,
  parseCommandValue,
  validateDeregister,
  validateTarget,
} from '../target/target.validation';
import { CommandCommitter, heartbeatOf } from './command-committer';
import { RegistryService } from './registry.service';

/** Applies a validated command: its write goes to the state topic, its offset is committed after. */
@Injectable()
export class CommandProcessor {
  constructor(
    private readonly config: RegistryConfig,
    private readonly registry: RegistryService,
    private readonly committer: CommandCommitter,
  ) {}

  /**
   * Resolves when there is room for the next command, not when the write is acknowledged. A key
   * other than the applicationUuid, or a target outside the policy (SPEC §2.1), throws
   * InvalidTargetError before anything is tracked: the filter dead-letters it.
   */
  apply(context: KafkaContext, command: Command): Promise<void> {
    const { key, timestamp } = context.getMessage();
    const refused =
      command.op === 'register'
        ? (keyProblem(key, command.target.applicationUuid) ??
          targetPolicyProblem(this.config.targetPolicy, command.target))
        : keyProblem(key, command.applicationUuid);
    if (refused !== null) throw new InvalidTargetError(refused);
    const options = { onRetry: heartbeatOf(context) };
    const write =
      command.op === 'register'
        ? this.registry
            .register(command.target, { ...options, sentAt: Number(timestamp) })
            .then(() => undefined)
        : this.registry.deregister(command.applicationUuid, options);
    return this.committer.track(context, write);
  }

  /** The command a message carries, read by its topic's format; throws InvalidTargetError. */
  decode(topic: string, value: Buffer | null): Command {
    const parsed = parseCommandValue(value);
    if (!parsed.ok) throw new InvalidTargetError(parsed.error);
    const command = this.validatorFor(topic)(parsed.value);
    if (!command.ok) throw new InvalidTargetError(command.error);
    return command.value;
  }

  private validatorFor(topic: string): (input: unknown) => Validated<Command> {
    const { register, deregister } = this.config.topics;
    if (topic === register)
      return asCommand(validateTarget, (target) => ({ op: 'register', target }));
    if (topic === deregister) {
      return asCommand(validateDeregister, ({ applicationUuid }) => ({
        op: 'deregister',
        applicationUuid,
      }));
    }
    return validateCommand;
  }
}

function asCommand<T>(
  validate: (input: unknown) => Validated<T>,
  toCommand: (value: T) => Command,
): (input: unknown) => Validated<Command> {
  return (input) => {
    const result = validate(input);
    return result.ok ? { ok: true, value: toCommand(result.value) } : result;
  };
}
