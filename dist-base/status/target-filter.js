"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PAGE_SIZE = void 0;
exports.parseStatusQuery = parseStatusQuery;
exports.endpointOf = endpointOf;
exports.searchText = searchText;
exports.filterWords = filterWords;
exports.matches = matches;
exports.targetPage = targetPage;
const sd_target_group_1 = require("../target/sd-target-group");
const html_1 = require("./html");
exports.PAGE_SIZE = 100;
const MAX_QUERY_LENGTH = 256;
const MAX_PAGE = 1_000_000;
const STATE_FILTERS = ['all', 'served', 'held', 'expired'];
function first(value) {
    if (typeof value === 'string')
        return value;
    if (Array.isArray(value) && typeof value[0] === 'string')
        return value[0];
    return undefined;
}
function parseStatusQuery(query) {
    const q = (first(query.q) ?? '').slice(0, MAX_QUERY_LENGTH);
    const state = first(query.state);
    const page = Number(first(query.page) ?? '1');
    return {
        q,
        state: state !== undefined && STATE_FILTERS.includes(state) ? state : 'all',
        page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    };
}
function endpointOf(r) {
    return `${r.scheme}://${(0, sd_target_group_1.targetAddress)(r.host, r.port)}${r.path}`;
}
function searchText(r) {
    const labels = Object.entries(r.labels).map(([name, value]) => `${name}=${value}`);
    return (0, html_1.spellHidden)([r.applicationUuid, endpointOf(r), ...labels].join(' ')).toLowerCase();
}
function filterWords(q) {
    return q.toLowerCase().split(/\s+/).filter(Boolean);
}
function matches(text, words) {
    return words.every((word) => text.includes(word));
}
function targetPage(all, query, stateOf) {
    const words = filterWords(query.q);
    const start = (query.page - 1) * exports.PAGE_SIZE;
    const rows = [];
    let matched = 0;
    for (const r of all) {
        if (query.state !== 'all' && stateOf(r) !== query.state)
            continue;
        if (words.length > 0 && !matches(searchText(r), words))
            continue;
        if (matched >= start && rows.length < exports.PAGE_SIZE)
            rows.push(r);
        matched++;
    }
    return { rows, matched, page: query.page, pages: Math.max(1, Math.ceil(matched / exports.PAGE_SIZE)) };
}
//# sourceMappingURL=target-filter.js.map