import { UsageError, parseCli } from './cli-args';
import { ExplainAnswer, formatExplanation } from './explain-text';

describe('metrics-registry explain', () => {
  it('asks the explain endpoint of the registry for the id, with the shard and credentials', () => {
    expect(
      parseCli(
        [
          'explain',
          'a:b.1',
          '--url',
          'http://u:p@registry:4000/ignored',
          '--shard=1',
          '--shards=4',
        ],
        {},
      ),
    ).toEqual({
      command: 'explain',
      applicationUuid: 'a:b.1',
      url: 'http://registry:4000/api/v1/targets/a%3Ab.1/explain?shard=1&shards=4',
      authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
      json: false,
      timeoutMs: 15_000,
    });
    expect(parseCli(['explain', 'x', '--token', 't', '--json'], {})).toMatchObject({
      url: 'http://localhost:4000/api/v1/targets/x/explain',
      authorization: 'Bearer t',
      json: true,
    });
  });

  it('needs exactly one id', () => {
    expect(() => parseCli(['explain'], {})).toThrow(UsageError);
    expect(() => parseCli(['explain', 'a', 'b'], {})).toThrow(/one applicationUuid/);
    expect(() => parseCli(['list', 'a'], {})).toThrow(/Unexpected argument 'a'/);
  });

  it('writes the verdict first, then what it rests on', () => {
    const answer: ExplainAnswer = {
      applicationUuid: 'bad-1',
      served: false,
      cause: 'rejected',
      summary: 'not served: its command was rejected',
      registration: null,
      removal: null,
      rejection: {
        at: '2026-01-02T12:00:00.000Z',
        reason: 'port: must be an integer from 1 to 65535',
        dlq: { partition: 0, offset: '7' },
        source: { topic: 'metrics-registry.commands', partition: 1, offset: '42' },
      },
      shard: null,
      rejectionsComplete: true,
    };
    expect(formatExplanation(answer)).toBe(
      'bad-1: NOT served (rejected)\n' +
        '  not served: its command was rejected\n' +
        '  rejected  2026-01-02T12:00:00.000Z from metrics-registry.commands[1]@42 (DLQ [0]@7): port: must be an integer from 1 to 65535\n',
    );
  });
});
