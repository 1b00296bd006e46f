"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HELP = exports.DEFAULT_URL = exports.DEFAULT_TIMEOUT_SECONDS = exports.BIN = void 0;
const environment_1 = require("../config/environment");
exports.BIN = 'metrics-registry';
exports.DEFAULT_TIMEOUT_SECONDS = 15;
exports.DEFAULT_URL = 'http://localhost:4000';
const HELP_WIDTH = 100;
function environmentHelp(reader) {
    const rows = (0, environment_1.variablesReadBy)(reader).flatMap((v) => [
        { name: v.name, text: v.help, default: v.default },
        ...(v.alias === undefined
            ? []
            : [{ name: v.alias, text: `alias of ${v.name}, read when that is unset` }]),
    ]);
    const indent = Math.max(...rows.map((row) => row.name.length)) + 4;
    return rows
        .map((row) => {
        const line = `  ${row.name.padEnd(indent - 2)}${row.text}`;
        if (row.default === undefined)
            return line;
        const fallback = `(default ${row.default})`;
        return line.length + 1 + fallback.length <= HELP_WIDTH
            ? `${line} ${fallback}`
            : `${line}\n${' '.repeat(indent)}${fallback}`;
    })
        .join('\n');
}
function kafkaOptionsHelp(command) {
    return `  --brokers LIST      Kafka brokers, host:port[,host:port...]
                      (default: $KAFKA_BROKERS, else ${environment_1.ENVIRONMENT.KAFKA_BROKERS.default})
  --timeout SECONDS   fail when Kafka has not acknowledged within this (default ${exports.DEFAULT_TIMEOUT_SECONDS})
  -h, --help          show this help

Environment (the registry's own variables, same defaults):
${environmentHelp(command)}`;
}
exports.HELP = {
    main: `Usage: ${exports.BIN} <command> [options]

Prometheus HTTP service discovery backed by Kafka.

Commands:
  serve        start the registry (configured by environment variables)
  register     register a target (sends a register command to Kafka)
  deregister   withdraw a target (sends a deregister command to Kafka)
  list         print the targets a registry serves
  explain      say why a target is or is not served

Run "${exports.BIN} <command> --help" for the options of a command.
`,
    serve: `Usage: ${exports.BIN} serve

Starts the registry: HTTP service discovery on $PORT, commands from Kafka. Stops cleanly on
SIGTERM or SIGINT.

Environment (all optional; a bad value stops startup with a message naming the variable):
${environmentHelp('serve')}
`,
    register: `Usage: ${exports.BIN} register --uuid ID --host HOST --port PORT [options]

Sends a register command and waits until Kafka has acknowledged it. The target is checked
with the registry's own rules first; a broken rule is reported as "field: reason".

Options:
  --uuid ID           applicationUuid (required)
  --host HOST         host name, IPv4 or IPv6 address of the metrics endpoint (required)
  --port PORT         port, 1-65535 (required)
  --path PATH         metrics path (default /metrics)
  --scheme SCHEME     http (default) or https
  --label NAME=VALUE  a target label; repeat for more
  --ttl SECONDS       a lease of 5-86400 s: the target expires unless registered again
                      within it (run this command again every third of it)
${kafkaOptionsHelp('register')}

Exit status: 0 registered, 2 bad usage or invalid target, 1 Kafka failure.
`,
    deregister: `Usage: ${exports.BIN} deregister --uuid ID [options]

Sends a deregister command and waits until Kafka has acknowledged it. Withdrawing an
unknown applicationUuid is not an error.

Options:
  --uuid ID           applicationUuid (required)
${kafkaOptionsHelp('deregister')}

Exit status: 0 sent, 2 bad usage or invalid applicationUuid, 1 Kafka failure.
`,
    list: `Usage: ${exports.BIN} list [options]

Prints the targets a registry serves, read from its HTTP service discovery endpoint.

Options:
  --url URL           the registry (default ${exports.DEFAULT_URL}); a URL with a path is used as the
                      SD endpoint itself, e.g. http://registry:4000/prometheus/targets?shard=0&shards=2;
                      user:password@ in the URL is sent as basic auth
  --token TOKEN       bearer token for the SD endpoint (SD_BEARER_TOKEN of the registry)
  --json              print the SD JSON instead of a table
  --timeout SECONDS   fail when the registry has not answered within this (default ${exports.DEFAULT_TIMEOUT_SECONDS})
  -h, --help          show this help

Exit status: 0 listed, 2 bad usage, 1 registry unreachable or not ready.
`,
    explain: `Usage: ${exports.BIN} explain ID [options]

Asks a registry why the target ID is or is not served: served, held by the shrink brake,
served to another shard, expired (when, with its ttlSeconds), deregistered, refused by the
target policy, rejected (the DLQ reason, time and offsets) or never seen.

Options:
  --url URL           the registry (default ${exports.DEFAULT_URL}); user:password@ in the URL is
                      sent as basic auth
  --token TOKEN       bearer token (SD_BEARER_TOKEN or REGISTRY_API_TOKEN of the registry)
  --shard I --shards N
                      ask about the shard I of N (the SD endpoint's ?shard=I&shards=N)
  --json              print the registry's JSON answer instead of text
  --timeout SECONDS   fail when the registry has not answered within this (default ${exports.DEFAULT_TIMEOUT_SECONDS})
  -h, --help          show this help

Exit status: 0 answered (served or not), 2 bad usage, 1 registry unreachable or not ready.
`,
};
//# sourceMappingURL=cli-help.js.map