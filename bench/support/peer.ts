import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORK_DIR } from './paths';
import { Started, freePort, startProcess, stopProcess, waitFor } from './processes';

/** The request path the peer serves everything under ROOT_DIR at (`/targets` redirects here). */
const PEER_PATH = '/targets/';

/**
 * prometheus-http-sd 3.0.6 (PyPI) serving the same target groups from a directory: `serve ROOT_DIR`
 * answers GET /targets/ from a cache file per request URL (md5 of Flask's full_path, here
 * "/targets/?") that a background dispatcher regenerates from the directory every
 * --cache-refresh-interval seconds after a request asked for it. That rewrite is not atomic: a
 * request reading the file meanwhile finds broken JSON, deletes it and answers 500 until the next
 * refresh, which under continuous load is most of the time. So the cache is filled beforehand in
 * the peer's own format, and the refresh interval is longer than the measurement: what is
 * measured is the peer's serving path (read and parse the cached JSON, serialize it again).
 */
export class PeerProcess {
  private constructor(
    readonly url: string,
    private readonly started: Started,
  ) {}

  static async start(bin: string, body: Buffer, expectedGroups: number): Promise<PeerProcess> {
    const root = join(WORK_DIR, 'peer-root');
    const cache = join(WORK_DIR, 'peer-cache');
    rmSync(root, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(root, 'targets.json'), body);
    const cacheFile = createHash('md5').update(`${PEER_PATH}?`).digest('hex');
    writeFileSync(
      join(cache, cacheFile),
      `{"updated_timestamp": ${Date.now() / 1000}, "results": ${body.toString('utf8')}}`,
    );
    const port = await freePort();
    const started = startProcess('peer-prometheus-http-sd', bin, [
      '--log-level',
      '30',
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--cache-dir',
      cache,
      '--cache-refresh-interval',
      '3600',
      '--cache-seconds',
      '3600',
      root,
    ]);
    const peer = new PeerProcess(`http://127.0.0.1:${port}${PEER_PATH}`, started);
    await waitFor(
      'prometheus-http-sd to serve the targets',
      async () => {
        if (started.child.exitCode !== null) {
          throw new Error(`prometheus-http-sd exited with ${started.child.exitCode}`);
        }
        const res = await fetch(peer.url);
        if (res.status !== 200) {
          await res.arrayBuffer();
          return undefined;
        }
        const groups = (await res.json()) as unknown[];
        return groups.length === expectedGroups;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    return peer;
  }

  get pid(): number | undefined {
    return this.started.child.pid;
  }

  async stop(): Promise<void> {
    await stopProcess(this.started.child);
  }
}
