import { Registry } from 'prom-client';
import { StateTopicReader } from './state-topic.reader';
import { TargetView } from './target-view';
export declare class ServedTargetsGauge {
    constructor(registry: Registry, view: TargetView, reader: StateTopicReader);
}
