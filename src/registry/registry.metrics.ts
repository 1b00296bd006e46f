import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/** The registry feature's own metrics (SPEC §3.3), on the app's prom-client Registry. */
@Injectable()
export class RegistryMetrics {
  readonly commands: Counter<'command' | 'outcome'>;
  readonly stateRecords: Counter<'outcome'>;
  readonly leasesExpired: Counter;
  readonly renewalsCovered: Counter;
  readonly internalErrors: Counter;
  readonly expiryBrake: Gauge;
  readonly brakeHeld: Gauge;
  readonly ready: Gauge;
  readonly stateLag: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.commands = new Counter({
      name: 'metrics_registry_commands_total',
      help: 'Register and deregister commands by outcome.',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.stateRecords = new Counter({
      name: 'metrics_registry_state_records_total',
      help: 'State topic records read into the view, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.leasesExpired = new Counter({
      name: 'metrics_registry_leases_expired_total',
      help: 'Registrations whose lease ran out and whose tombstone this replica wrote.',
      registers,
    });
    this.renewalsCovered = new Counter({
      name: 'metrics_registry_renewals_covered_total',
      help: 'Registers acknowledged without a state write: the stored lease already covered them.',
      registers,
    });
    this.internalErrors = new Counter({
      name: 'metrics_registry_internal_errors_total',
      help: 'Attempts at a command that failed on an internal error (a bug, not a bad command).',
      registers,
    });
    this.expiryBrake = new Gauge({
      name: 'metrics_registry_expiry_brake',
      help: '1 while the shrink brake holds leases that stopped being renewed en masse.',
      registers,
    });
    this.brakeHeld = new Gauge({
      name: 'metrics_registry_expiry_brake_held_targets',
      help: 'Registrations served only because the shrink brake holds their run-out lease.',
      registers,
    });
    this.ready = new Gauge({
      name: 'metrics_registry_ready',
      help: '1 once the view has caught up with the state topic.',
      registers,
    });
    this.stateLag = new Gauge({
      name: 'metrics_registry_state_lag_records',
      help: 'Records between the view and the end of the state topic.',
      registers,
    });
    // Known label values start at 0, so a rate() sees the first event and dashboards see the series.
    for (const command of ['register', 'deregister']) {
      for (const outcome of ['accepted', 'invalid', 'failed'])
        this.commands.inc({ command, outcome }, 0);
    }
    this.commands.inc({ command: 'register', outcome: 'expired' }, 0);
    for (const outcome of ['applied', 'denied', 'invalid']) this.stateRecords.inc({ outcome }, 0);
  }
}
