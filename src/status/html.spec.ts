import { escapeHtml, html, shown } from './html';

describe('html', () => {
  it('escapes every interpolated value, and nothing of the markup', () => {
    const evil = `<script>alert("x")</script>' onload='x`;
    expect(html`<td title="${evil}">${evil}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x</td>',
    );
  });

  it('keeps nested Html, joins lists and leaves out null, undefined and false', () => {
    const list = ['<a>', html`<li>b</li>`];
    expect(html`${list}${null}${undefined}${false}${0}`.text).toBe('&lt;a&gt;<li>b</li>0');
  });

  it('escapes & first, so that entities are not decoded later', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('shown', () => {
  it('isolates the direction of the text and writes out bidi overrides and controls', () => {
    expect(shown('abc\u202Egpj.exe').text).toBe(
      '<bdi>abc<span class="ctl" title="hidden character">\\u202E</span>gpj.exe</bdi>',
    );
    expect(shown('a\nb\u0000').text).toContain('\\u000A');
    expect(shown('a\nb\u0000').text).toContain('\\u0000');
  });

  it('keeps right-to-left letters as they are, inside the isolate', () => {
    expect(shown('שלום <b>').text).toBe('<bdi>שלום &lt;b&gt;</bdi>');
  });
});
