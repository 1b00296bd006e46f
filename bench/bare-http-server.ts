/**
 * The baseline for SD serving: node:http answering every GET with the same bytes and headers the
 * registry sent. Usage: node bare-http-server.js BODY_FILE PORT ETAG
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, port, etag] = process.argv.slice(2);
const body = readFileSync(file);

const server = createServer((_req, res) => {
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    ETag: etag,
    'Cache-Control': 'no-cache',
  });
  res.end(body);
});
server.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: Number(port) })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
