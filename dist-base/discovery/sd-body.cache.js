"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SdBodyCache = void 0;
exports.etagMatches = etagMatches;
const node_crypto_1 = require("node:crypto");
const registry_1 = require("../registry");
const rendezvous_1 = require("./rendezvous");
const sd_body_1 = require("./sd-body");
const MAX_ENTRIES = 64;
class SdBodyCache {
    view;
    entries = new Map();
    rendered = new WeakMap();
    constructor(view) {
        this.view = view;
    }
    get(now, selector) {
        const key = selector ? `${selector.shard}/${selector.shards}` : '';
        this.view.judge(now);
        const cached = this.entries.get(key);
        if (cached && cached.version === this.view.version)
            return cached;
        const entry = this.build(now, selector);
        this.entries.delete(key);
        if (this.entries.size >= MAX_ENTRIES)
            this.entries.delete(this.entries.keys().next().value);
        this.entries.set(key, entry);
        return entry;
    }
    build(now, selector) {
        const groups = [];
        for (const registration of this.view.all()) {
            if ((0, registry_1.isExpired)(registration, now))
                continue;
            const rendered = this.renderedOf(registration);
            if (selector !== null) {
                rendered.leaders ??= (0, rendezvous_1.shardLeaders)(registration.applicationUuid);
                if ((0, rendezvous_1.shardAmong)(rendered.leaders, selector.shards) !== selector.shard)
                    continue;
            }
            groups.push(rendered.json);
        }
        const body = Buffer.from(`[${groups.join(',')}]`);
        const etag = `"${(0, node_crypto_1.createHash)('sha1').update(body).digest('base64url')}"`;
        return { body, etag, version: this.view.version };
    }
    renderedOf(registration) {
        let rendered = this.rendered.get(registration);
        if (rendered === undefined) {
            rendered = { json: flatCopy((0, sd_body_1.sdGroupJson)(registration)), leaders: null };
            this.rendered.set(registration, rendered);
        }
        return rendered;
    }
}
exports.SdBodyCache = SdBodyCache;
function flatCopy(text) {
    return Buffer.from(text, 'utf8').toString('utf8');
}
function etagMatches(ifNoneMatch, etag) {
    if (!ifNoneMatch)
        return false;
    return ifNoneMatch
        .split(',')
        .map((tag) => tag.trim().replace(/^W\//, ''))
        .some((tag) => tag === etag || tag === '*');
}
//# sourceMappingURL=sd-body.cache.js.map