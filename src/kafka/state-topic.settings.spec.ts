import { STATE_TOPIC_SETTINGS, stateTopicProblems } from './state-topic.settings';

const KAFKA_DEFAULTS = new Map([
  ['cleanup.policy', 'compact'],
  ['segment.ms', '604800000'],
  ['max.compaction.lag.ms', '9223372036854775807'],
]);

describe('stateTopicProblems', () => {
  it('accepts the settings the registry creates the topic with', () => {
    expect(stateTopicProblems('s', new Map(Object.entries(STATE_TOPIC_SETTINGS)))).toEqual([]);
  });

  it("names both settings and the values to use for Kafka's defaults (7-day segments)", () => {
    const [problem, ...rest] = stateTopicProblems('metrics_targets_topic', KAFKA_DEFAULTS);
    expect(rest).toEqual([]);
    expect(problem).toContain('segment.ms=604800000 and max.compaction.lag.ms=9223372036854775807');
    expect(problem).toContain('for up to 7 days');
    expect(problem).toContain('use max.compaction.lag.ms=60000 and segment.ms=60000');
    expect(problem).toContain('--entity-name metrics_targets_topic');
  });

  it('is content with either setting bounding the roll', () => {
    expect(
      stateTopicProblems('s', new Map([...KAFKA_DEFAULTS, ['max.compaction.lag.ms', '300000']])),
    ).toEqual([]);
    expect(stateTopicProblems('s', new Map([...KAFKA_DEFAULTS, ['segment.ms', '600000']]))).toEqual(
      [],
    );
  });

  it('says "without limit" when neither is set', () => {
    expect(stateTopicProblems('s', new Map([['cleanup.policy', 'compact']]))[0]).toContain(
      'without limit',
    );
  });

  it('flags a topic that is not compacted', () => {
    const problems = stateTopicProblems(
      's',
      new Map([...Object.entries(STATE_TOPIC_SETTINGS), ['cleanup.policy', 'delete']]),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^cleanup\.policy=delete: .*use cleanup\.policy=compact/);
    expect(
      stateTopicProblems(
        's',
        new Map([...Object.entries(STATE_TOPIC_SETTINGS), ['cleanup.policy', 'compact,delete']]),
      ),
    ).toEqual([]);
  });
});
