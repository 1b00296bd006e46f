"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Html = void 0;
exports.escapeHtml = escapeHtml;
exports.html = html;
exports.spellHidden = spellHidden;
exports.shown = shown;
class Html {
    text;
    constructor(text) {
        this.text = text;
    }
    toString() {
        return this.text;
    }
}
exports.Html = Html;
const ESCAPES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
function render(value) {
    if (value === null || value === undefined || value === false)
        return '';
    if (value instanceof Html)
        return value.text;
    if (Array.isArray(value))
        return value.map(render).join('');
    return escapeHtml(String(value));
}
function html(strings, ...values) {
    let out = strings[0];
    for (let i = 0; i < values.length; i++)
        out += render(values[i]) + strings[i + 1];
    return new Html(out);
}
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
function spellHidden(text) {
    return text.replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
function shown(text) {
    let out = '';
    let last = 0;
    for (const match of text.matchAll(HIDDEN)) {
        out += escapeHtml(text.slice(last, match.index));
        const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
        out += `<span class="ctl" title="hidden character">\\u${code}</span>`;
        last = match.index + 1;
    }
    out += escapeHtml(text.slice(last));
    return new Html(`<bdi>${out}</bdi>`);
}
//# sourceMappingURL=html.js.map