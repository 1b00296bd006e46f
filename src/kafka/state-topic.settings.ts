/**
 * The state topic's configuration (SPEC §2.3). A compacted topic keeps every record of its active
 * segment, and of the segments the cleaner has not reached yet, so a replica that starts reads
 * every renewal written since the last cleaning. Kafka's defaults (segments roll after 7 days or
 * 1 GiB, no maximum compaction lag) let that history grow for days; these bound it to about a
 * minute of writes, so start-up follows the live set, not the age of the deployment.
 */
export const STATE_TOPIC_SETTINGS = {
  'cleanup.policy': 'compact',
  /** A segment rolls after a minute, so it can be cleaned (Kafka 5 makes 1 min the minimum). */
  'segment.ms': '60000',
  /** A record is compacted at most a minute after it was written, however clean the log looks. */
  'max.compaction.lag.ms': '60000',
  /** Clean once a tenth of the log is superseded, not half. */
  'min.cleanable.dirty.ratio': '0.1',
  /**
   * Tombstones stay readable for an hour, then go: a short-lived fleet's deletes do not pile up
   * for the default 24 h. Readers that fall more than an hour behind must start over: replicas
   * read from the beginning at every start, and a running one whose reads stopped for half of
   * this reads again from the beginning (StateTopicReader).
   */
  'delete.retention.ms': '3600000',
} as const;

/** Beyond this, history between cleanings grows with the deployment's age: a warning. */
export const MAX_UNCOMPACTED_MS = 10 * 60_000;

/** What is wrong with an existing state topic's configuration, one line per setting. */
export function stateTopicProblems(topic: string, configs: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const alter = (entries: string) =>
    `kafka-configs.sh --alter --entity-type topics --entity-name ${topic} --add-config ${entries}`;
  const policy = configs.get('cleanup.policy');
  if (policy !== undefined && !policy.split(',').includes('compact')) {
    problems.push(
      `cleanup.policy=${policy}: the registrations of apps that registered long ago are deleted ` +
        `by retention, not kept until replaced; use cleanup.policy=compact (${alter('cleanup.policy=compact')})`,
    );
  }
  const segmentMs = Number(configs.get('segment.ms') ?? NaN);
  const maxLagMs = Number(configs.get('max.compaction.lag.ms') ?? NaN);
  // Kafka rolls a compacted topic's active segment after the smaller of the two.
  const rollMs = Math.min(
    Number.isFinite(segmentMs) ? segmentMs : Infinity,
    Number.isFinite(maxLagMs) ? maxLagMs : Infinity,
  );
  if (rollMs > MAX_UNCOMPACTED_MS) {
    problems.push(
      `segment.ms=${configs.get('segment.ms') ?? 'unset'} and max.compaction.lag.ms=` +
        `${configs.get('max.compaction.lag.ms') ?? 'unset'}: renewals stay uncompacted ` +
        `${describeMs(rollMs)} and every replica reads them all at start-up; ` +
        `use max.compaction.lag.ms=${STATE_TOPIC_SETTINGS['max.compaction.lag.ms']} and ` +
        `segment.ms=${STATE_TOPIC_SETTINGS['segment.ms']} ` +
        `(${alter(`max.compaction.lag.ms=${STATE_TOPIC_SETTINGS['max.compaction.lag.ms']},segment.ms=${STATE_TOPIC_SETTINGS['segment.ms']}`)})`,
    );
  }
  return problems;
}

function describeMs(ms: number): string {
  if (ms > 1e12) return 'without limit';
  if (ms >= 86_400_000) return `for up to ${+(ms / 86_400_000).toFixed(1)} days`;
  if (ms >= 3_600_000) return `for up to ${+(ms / 3_600_000).toFixed(1)} hours`;
  return `for up to ${+(ms / 60_000).toFixed(1)} minutes`;
}
