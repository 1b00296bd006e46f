import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { StateTopicReader } from './state-topic.reader';
import { TargetView, isExpired } from './target-view';

/** metrics_registry_targets, read from the view at scrape time: what the SD endpoint serves now. */
@Injectable()
export class ServedTargetsGauge {
  constructor(registry: Registry, view: TargetView, reader: StateTopicReader) {
    new Gauge({
      name: 'metrics_registry_targets',
      help: 'Registrations served now (live leases, once caught up with the state topic).',
      registers: [registry],
      collect() {
        if (!reader.caughtUp) return this.set(0);
        const now = reader.leaseClock();
        let live = 0;
        for (const registration of view.all()) if (!isExpired(registration, now)) live++;
        this.set(live);
      },
    });
  }
}
