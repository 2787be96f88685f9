import { sanitizeHtml } from './sanitize';

describe('sanitizeHtml', () => {
  it('removes script and style with their content, and event handlers', () => {
    const out = sanitizeHtml('<p onclick="x()">Xin <b>chào</b><script>alert(1)</script><style>p{}</style></p><img src="a.png" onerror="alert(1)">');
    expect(out).toBe('<p>Xin <b>chào</b></p><img src="a.png">');
  });
  it('removes javascript: URLs, also when obfuscated', () => {
    expect(sanitizeHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<a href="jav&#x61;script:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<a href=" java\tscript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<img src="data:text/html;base64,PHNjcmlwdD4=">')).toBe('<img>');
  });
  it('keeps headings, lists, links, images and tables', () => {
    const html = '<h2>Mục 1</h2><ul><li>Một</li></ul><ol start="2"><li>Hai</li></ol><a href="https://chinhphu.vn" target="_blank">Cổng</a>'
      + '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td colspan="2">B</td></tr></tbody></table><img src="https://x.vn/a.png" alt="Ảnh">';
    expect(sanitizeHtml(html)).toBe(html.replace('target="_blank">', 'target="_blank" rel="noopener noreferrer">'));
  });
  it('drops unknown tags but keeps their text, escapes stray brackets and balances tags', () => {
    expect(sanitizeHtml('<custom>chữ</custom> 1 < 2 & 3 <p><em>mở')).toBe('chữ 1 &lt; 2 &amp; 3 <p><em>mở</em></p>');
    expect(sanitizeHtml('<p>a</div></p>')).toBe('<p>a</p>');
    expect(sanitizeHtml('<svg><script>alert(1)</script></svg><iframe src="x"></iframe>ok')).toBe('ok');
  });
});
