/**
 * A small allow-list HTML sanitiser for lesson bodies and course descriptions.
 * Keeps headings, paragraphs, lists, links, images, tables and inline emphasis; drops everything else.
 * script/style/iframe/object/… are removed with their content; event handlers, style attributes and
 * javascript:/vbscript:/data: URLs (except data:image/* on images) are removed. Output tags are balanced.
 */
const ALLOWED: Record<string, string[]> = {
  p: [], br: [], hr: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  strong: [], b: [], em: [], i: [], u: [], s: [], sub: [], sup: [], mark: [], small: [],
  blockquote: [], pre: [], code: [], span: [], div: [], figure: [], figcaption: [],
  ul: [], ol: ['start'], li: [],
  a: ['href', 'title', 'target'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  table: [], thead: [], tbody: [], tfoot: [], tr: [], caption: [],
  th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'],
};
const VOID = new Set(['br', 'hr', 'img']);
const DROP_WITH_CONTENT = ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'textarea', 'select', 'frameset', 'frame', 'applet', 'head', 'title'];

const escText = (s: string) => s.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Math.min(parseInt(d, 10), 0x10ffff)))
    .replace(/&colon;/gi, ':').replace(/&tab;/gi, '\t').replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** http(s), mailto, tel, or a relative URL; images also data:image/png|jpeg|gif|webp. */
export function safeUrl(raw: string, image = false): string | null {
  const v = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(v);
  if (!scheme) return v.length ? decodeEntities(raw).trim() : null;
  const s = scheme[1].toLowerCase();
  if (s === 'http' || s === 'https') return decodeEntities(raw).trim();
  if (!image && (s === 'mailto' || s === 'tel')) return decodeEntities(raw).trim();
  if (image && /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=]+$/i.test(v)) return v;
  return null;
}

const ATTR_RE = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function buildTag(name: string, attrText: string): string {
  const allowed = ALLOWED[name];
  const out: string[] = [];
  let blank = false;
  for (const m of attrText.matchAll(ATTR_RE)) {
    const attr = m[1].toLowerCase();
    if (!allowed.includes(attr)) continue;
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (attr === 'href' || attr === 'src') {
      const url = safeUrl(value, attr === 'src');
      if (url === null) continue;
      out.push(`${attr}="${escAttr(url)}"`);
    } else if (attr === 'target') {
      if (value === '_blank') { out.push('target="_blank"'); blank = true; }
    } else if (['width', 'height', 'colspan', 'rowspan', 'start'].includes(attr)) {
      if (/^\d{1,4}$/.test(value)) out.push(`${attr}="${value}"`);
    } else if (attr === 'scope') {
      if (/^(row|col|rowgroup|colgroup)$/.test(value)) out.push(`scope="${value}"`);
    } else {
      out.push(`${attr}="${escAttr(decodeEntities(value))}"`);
    }
  }
  if (blank) out.push('rel="noopener noreferrer"');
  return `<${name}${out.length ? ' ' + out.join(' ') : ''}>`;
}

export function sanitizeHtml(input: string | null | undefined): string {
  if (!input) return '';
  let html = input.replace(/\u0000/g, '');
  html = html.replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/gi, '').replace(/<![^>]*>/g, '').replace(/<\?[^>]*>/g, '');
  for (const t of DROP_WITH_CONTENT) {
    html = html.replace(new RegExp(`<${t}\\b[^>]*>[\\s\\S]*?(?:<\\/${t}\\s*>|$)`, 'gi'), '');
    html = html.replace(new RegExp(`<\\/?${t}\\b[^>]*>`, 'gi'), '');
  }
  const out: string[] = [];
  const stack: string[] = [];
  const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  for (const m of html.matchAll(TAG_RE)) {
    out.push(escText(html.slice(last, m.index)));
    last = (m.index as number) + m[0].length;
    const name = m[2].toLowerCase();
    if (!(name in ALLOWED)) continue;
    if (m[1]) {
      const at = stack.lastIndexOf(name);
      if (at < 0) continue;
      while (stack.length > at) out.push(`</${stack.pop()}>`);
    } else {
      out.push(buildTag(name, m[3]));
      if (!VOID.has(name)) stack.push(name);
    }
  }
  out.push(escText(html.slice(last)));
  while (stack.length) out.push(`</${stack.pop()}>`);
  return out.join('');
}
