"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isSdBody = isSdBody;
exports.targetRows = targetRows;
exports.formatTargetTable = formatTargetTable;
const sd_target_group_1 = require("../target/sd-target-group");
function isSdBody(body) {
    return (Array.isArray(body) &&
        body.every((group) => typeof group === 'object' &&
            group !== null &&
            Array.isArray(group.targets) &&
            group.targets.every((t) => typeof t === 'string') &&
            (group.labels === undefined ||
                (typeof group.labels === 'object' &&
                    group.labels !== null &&
                    Object.values(group.labels).every((v) => typeof v === 'string')))));
}
function targetRows(groups) {
    return groups.flatMap(({ targets, labels = {} }) => {
        const scheme = labels.__scheme__ ?? 'http';
        const path = labels.__metrics_path__ ?? '/metrics';
        const own = Object.entries(labels)
            .filter(([name]) => !name.startsWith('__'))
            .map(([name, value]) => `${name}=${value}`)
            .join(',');
        return targets.map((target) => [
            labels[sd_target_group_1.APPLICATION_UUID_LABEL] ?? '-',
            `${scheme}://${target}${path}`,
            own === '' ? '-' : own,
        ]);
    });
}
function formatTargetTable(groups) {
    const rows = [['APPLICATION UUID', 'ENDPOINT', 'LABELS'], ...targetRows(groups)];
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    return rows
        .map((row) => row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
        .join('  '))
        .map((line) => `${line}\n`)
        .join('');
}
//# sourceMappingURL=target-table.js.map