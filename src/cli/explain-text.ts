import { targetAddress } from '../target/sd-target-group';

/** The explain answer (SPEC §3.7) as the registry sends it; only what the text shows is typed. */
export interface ExplainAnswer {
  applicationUuid: string;
  served: boolean;
  cause: string;
  summary: string;
  registration: {
    host: string;
    port: number;
    path: string;
    scheme: string;
    labels: Record<string, string>;
    expiresAt: string | null;
    updatedAt: string | null;
  } | null;
  removal: { at: string; cause: string } | null;
  rejection: {
    at: string;
    reason: string;
    dlq: { partition: number; offset: string };
    source: { topic: string | null; partition: number | null; offset: string | null };
  } | null;
  shard: { asked: number; shards: number; actual: number } | null;
  rejectionsComplete: boolean;
}

export function isExplainAnswer(body: unknown): body is ExplainAnswer {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    typeof b.applicationUuid === 'string' &&
    typeof b.served === 'boolean' &&
    typeof b.cause === 'string' &&
    typeof b.summary === 'string'
  );
}

/** A few aligned lines for a person: the verdict, then what it rests on. */
export function formatExplanation(answer: ExplainAnswer): string {
  const lines: [string, string][] = [];
  const r = answer.registration;
  if (r !== null) {
    lines.push(['endpoint', `${r.scheme}://${targetAddress(r.host, r.port)}${r.path}`]);
    const labels = Object.entries(r.labels).map(([name, value]) => `${name}=${value}`);
    lines.push(['labels', labels.length === 0 ? '-' : labels.join(',')]);
    lines.push(['lease', r.expiresAt === null ? 'none' : `until ${r.expiresAt}`]);
    lines.push(['updated', r.updatedAt ?? '-']);
  }
  if (answer.removal !== null) {
    lines.push(['removed', `${answer.removal.at} (${answer.removal.cause})`]);
  }
  const j = answer.rejection;
  if (j !== null) {
    const source =
      j.source.topic === null
        ? ''
        : ` from ${j.source.topic}[${j.source.partition ?? '?'}]@${j.source.offset ?? '?'}`;
    lines.push([
      'rejected',
      `${j.at}${source} (DLQ [${j.dlq.partition}]@${j.dlq.offset}): ${j.reason}`,
    ]);
  }
  if (answer.shard !== null) {
    const { asked, shards, actual } = answer.shard;
    lines.push(['shard', `${actual} of ${shards} (asked: ${asked})`]);
  }
  if (!answer.rejectionsComplete) {
    lines.push(['note', 'the registry is still reading the DLQ: a rejection may be missing']);
  }
  const width = Math.max(0, ...lines.map(([name]) => name.length));
  return [
    `${answer.applicationUuid}: ${answer.served ? 'served' : 'NOT served'} (${answer.cause})`,
    `  ${answer.summary}`,
    ...lines.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
  ]
    .map((line) => `${line}\n`)
    .join('');
}
