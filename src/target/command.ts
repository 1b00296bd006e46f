import type { Target } from './target';
import { Validated, validateDeregister, validateTarget } from './target.validation';

/** A command of the ordered command topic (SPEC §2.1): `op` says which, the rest is its value. */
export type Command =
  { op: 'register'; target: Target } | { op: 'deregister'; applicationUuid: string };

export const OPS = ['register', 'deregister'] as const;

/** The op of a parsed command value, when it names one; for counting what was rejected. */
export function opOf(input: unknown): Command['op'] | null {
  const op = typeof input === 'object' && input !== null ? (input as { op?: unknown }).op : null;
  return op === 'register' || op === 'deregister' ? op : null;
}

/** `{"op":"register",…target}` or `{"op":"deregister","applicationUuid":…}`, by the SPEC §2.1 rules. */
export function validateCommand(input: unknown): Validated<Command> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'value: must be a JSON object' };
  }
  const { op, ...rest } = input as Record<string, unknown>;
  if (op === 'register') {
    const target = validateTarget(rest);
    return target.ok ? { ok: true, value: { op, target: target.value } } : target;
  }
  if (op === 'deregister') {
    const command = validateDeregister(rest);
    return command.ok
      ? { ok: true, value: { op, applicationUuid: command.value.applicationUuid } }
      : command;
  }
  return { ok: false, error: `op: must be "register" or "deregister"` };
}

/** The JSON value of a command, as the ordered command topic expects it. */
export function commandValue(command: Command): string {
  return command.op === 'register'
    ? JSON.stringify({ op: 'register', ...command.target })
    : JSON.stringify({ op: 'deregister', applicationUuid: command.applicationUuid });
}
