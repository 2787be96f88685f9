/**
 * A small, strict, non-validating XML parser for question files: elements, attributes, text, CDATA, comments,
 * processing instructions, the five predefined entities and character references. A DOCTYPE is rejected
 * (no external entities, no entity expansion attacks). Errors carry the 1-based line number.
 * No dependency: Moodle XML needs nothing more, and a positionally exact error helps the preview.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  line: number;
}
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
  }
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;

function decodeEntities(s: string, lineAt: () => number): string {
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new XmlSyntaxError(`Unterminated entity reference "${m}"`, lineAt());
    if (body[0] === '#') {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || code === 0) throw new XmlSyntaxError(`Invalid character reference "${m}"`, lineAt());
      return String.fromCodePoint(code);
    }
    const map: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (!(body in map)) throw new XmlSyntaxError(`Unknown entity "&${body};"`, lineAt());
    return map[body];
  });
}

/** Parse a document and return its root element. Throws XmlSyntaxError. */
export function parseXml(input: string): XmlElement {
  const src = input.replace(/\r\n?/g, '\n');
  let pos = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let i = pos; i < to; i++) if (src.charCodeAt(i) === 10) line++;
    pos = to;
  };
  const fail = (msg: string): never => {
    throw new XmlSyntaxError(msg, line);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let text = '';

  const flushText = () => {
    if (!text) return;
    const top = stack[stack.length - 1];
    if (top) {
      const last = top.children[top.children.length - 1];
      if (typeof last === 'string') top.children[top.children.length - 1] = last + text;
      else top.children.push(text);
    } else if (text.trim() !== '') fail('Text outside the root element');
    text = '';
  };

  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    if (lt < 0) {
      const rest = src.slice(pos);
      const startLine = line;
      text += decodeEntities(rest, () => startLine);
      advance(src.length);
      break;
    }
    if (lt > pos) {
      const chunk = src.slice(pos, lt);
      const startLine = line;
      if (chunk.includes(']]>')) fail('"]]>" is not allowed in text');
      text += decodeEntities(chunk, () => startLine);
      advance(lt);
    }
    if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos + 4);
      if (end < 0) fail('Unterminated comment');
      advance(end + 3);
    } else if (src.startsWith('<![CDATA[', pos)) {
      const end = src.indexOf(']]>', pos + 9);
      if (end < 0) fail('Unterminated CDATA section');
      if (!stack.length) fail('CDATA outside the root element');
      text += src.slice(pos + 9, end);
      advance(end + 3);
    } else if (src.startsWith('<?', pos)) {
      const end = src.indexOf('?>', pos + 2);
      if (end < 0) fail('Unterminated processing instruction');
      advance(end + 2);
    } else if (src.startsWith('<!DOCTYPE', pos) || src.startsWith('<!', pos)) {
      fail('DOCTYPE and entity declarations are not accepted');
    } else if (src.startsWith('</', pos)) {
      flushText();
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(src);
      if (!m) fail('Malformed closing tag');
      const name = m![0];
      let p = pos + 2 + name.length;
      while (/\s/.test(src[p] ?? '')) p++;
      if (src[p] !== '>') fail(`Malformed closing tag </${name}>`);
      const top = stack.pop();
      if (!top) fail(`Closing tag </${name}> without an opening tag`);
      if (top!.name !== name) fail(`Closing tag </${name}> does not match <${top!.name}> opened on line ${top!.line}`);
      advance(p + 1);
    } else {
      flushText();
      NAME.lastIndex = pos + 1;
      const m = NAME.exec(src);
      if (!m) fail('Malformed tag (a "<" in text must be written &lt;)');
      const name = m![0];
      const el: XmlElement = { name, attrs: {}, children: [], line };
      let p = pos + 1 + name.length;
      for (;;) {
        const ws = p;
        while (/\s/.test(src[p] ?? '')) p++;
        if (src[p] === '>' || src.startsWith('/>', p)) break;
        if (p === ws) fail(`Malformed attributes in <${name}>`);
        NAME.lastIndex = p;
        const an = NAME.exec(src);
        if (!an) fail(`Malformed attribute in <${name}>`);
        p += an![0].length;
        while (/\s/.test(src[p] ?? '')) p++;
        if (src[p] !== '=') fail(`Attribute ${an![0]} in <${name}> has no value`);
        p++;
        while (/\s/.test(src[p] ?? '')) p++;
        const quote = src[p];
        if (quote !== '"' && quote !== "'") fail(`Attribute ${an![0]} in <${name}> must be quoted`);
        const end = src.indexOf(quote, p + 1);
        if (end < 0) fail(`Unterminated attribute value in <${name}>`);
        const raw = src.slice(p + 1, end);
        if (raw.includes('<')) fail(`"<" inside the value of attribute ${an![0]}`);
        if (an![0] in el.attrs) fail(`Duplicate attribute ${an![0]} in <${name}>`);
        const attrLine = line;
        el.attrs[an![0]] = decodeEntities(raw, () => attrLine).replace(/[\t\n\r]/g, ' ');
        p = end + 1;
      }
      const selfClosing = src.startsWith('/>', p);
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail('More than one root element');
      else root = el;
      if (!selfClosing) stack.push(el);
      advance(p + (selfClosing ? 2 : 1));
    }
  }
  flushText();
  if (stack.length) fail(`Element <${stack[stack.length - 1].name}> opened on line ${stack[stack.length - 1].line} is never closed`);
  if (!root) fail('No root element');
  return root!;
}

// ---------------------------------------------------------------------------------------------
// Navigation helpers
// ---------------------------------------------------------------------------------------------

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el ? childElements(el, name)[0] : undefined;
}

/** All text directly inside the element (text and CDATA of its children are not included). */
export function ownText(el: XmlElement | undefined): string {
  if (!el) return '';
  return el.children.filter((c): c is string => typeof c === 'string').join('');
}

/** Text of the child, or undefined when the child is missing. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c ? ownText(c) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Moodle's writetext rule: text with < > & goes in CDATA, and "]]>" inside is split as "]]]]><![CDATA[>". */
export function cdataOrText(s: string): string {
  if (!/[<>&]/.test(s)) return s;
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
