import { createHash } from 'node:crypto';
import { isExpired, type TargetView } from '../registry';
import type { Registration } from '../target/registration';
import { ShardSelector, shardAmong, shardLeaders } from './rendezvous';
import { sdGroupJson } from './sd-body';

export interface SdBody {
  body: Buffer;
  etag: string;
}

interface Entry extends SdBody {
  version: number;
}

const MAX_ENTRIES = 64;

interface Rendered {
  json: string;
  leaders: Uint16Array | null;
}

/**
 * The serialized SD body and its ETag per shard selector, rebuilt only when what the view serves
 * changes (TargetView.version: not on a renewal that only moves a lease, but when a lease runs
 * out), so a request costs a buffer write, not a serialization of every target.
 * A rebuild (after a change, or for a selector not in the cache: anyone may cycle through
 * ?shard=I&shards=N) joins each registration's group JSON, rendered once per registration, and
 * picks a shard's registrations by their shard leaders, which answer every shard count at once.
 */
export class SdBodyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly rendered = new WeakMap<Registration, Rendered>();

  constructor(private readonly view: TargetView) {}

  get(now: number, selector: ShardSelector | null): SdBody {
    const key = selector ? `${selector.shard}/${selector.shards}` : '';
    this.view.judge(now);
    const cached = this.entries.get(key);
    if (cached && cached.version === this.view.version) return cached;
    const entry = this.build(now, selector);
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    return entry;
  }

  private build(now: number, selector: ShardSelector | null): Entry {
    const groups: string[] = [];
    // view.all() is sorted by applicationUuid, the order of the groups (renderSdBody).
    for (const registration of this.view.all()) {
      if (isExpired(registration, now)) continue;
      const rendered = this.renderedOf(registration);
      if (selector !== null) {
        rendered.leaders ??= shardLeaders(registration.applicationUuid);
        if (shardAmong(rendered.leaders, selector.shards) !== selector.shard) continue;
      }
      groups.push(rendered.json);
    }
    const body = Buffer.from(`[${groups.join(',')}]`);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return { body, etag, version: this.view.version };
  }

  private renderedOf(registration: Registration): Rendered {
    let rendered = this.rendered.get(registration);
    if (rendered === undefined) {
      rendered = { json: flatCopy(sdGroupJson(registration)), leaders: null };
      this.rendered.set(registration, rendered);
    }
    return rendered;
  }
}

/**
 * The text as one flat string. V8 may hold a JSON.stringify result as a tree of pieces (a cons
 * string), about 1.4× the size of the text; kept for every registration, the flat copy saves
 * ~90 bytes each (BENCHMARKS.md, memory per registration).
 */
function flatCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Whether If-None-Match names the tag (or is "*"), compared weakly as RFC 9110 asks for GET. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
