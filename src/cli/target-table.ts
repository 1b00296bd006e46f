import { APPLICATION_UUID_LABEL, type SdTargetGroup } from '../target/sd-target-group';

/** Whether a parsed SD response has the shape Prometheus accepts. */
export function isSdBody(body: unknown): body is SdTargetGroup[] {
  return (
    Array.isArray(body) &&
    body.every(
      (group: Partial<SdTargetGroup>) =>
        typeof group === 'object' &&
        group !== null &&
        Array.isArray(group.targets) &&
        group.targets.every((t) => typeof t === 'string') &&
        (group.labels === undefined ||
          (typeof group.labels === 'object' &&
            group.labels !== null &&
            Object.values(group.labels).every((v) => typeof v === 'string'))),
    )
  );
}

/** One line per target: the applicationUuid, the URL Prometheus scrapes, the other labels. */
export function targetRows(groups: SdTargetGroup[]): string[][] {
  return groups.flatMap(({ targets, labels = {} }) => {
    const scheme = labels.__scheme__ ?? 'http';
    const path = labels.__metrics_path__ ?? '/metrics';
    const own = Object.entries(labels)
      .filter(([name]) => !name.startsWith('__'))
      .map(([name, value]) => `${name}=${value}`)
      .join(',');
    return targets.map((target) => [
      labels[APPLICATION_UUID_LABEL] ?? '-',
      `${scheme}://${target}${path}`,
      own === '' ? '-' : own,
    ]);
  });
}

/** A plain-text table, columns padded to their widest cell, with a header line. */
export function formatTargetTable(groups: SdTargetGroup[]): string {
  const rows = [['APPLICATION UUID', 'ENDPOINT', 'LABELS'], ...targetRows(groups)];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
        .join('  '),
    )
    .map((line) => `${line}\n`)
    .join('');
}
