import type { CSSProperties } from 'react';

/** Text of an HTML fragment, tags dropped (an inert DOMParser document: no script runs, no image loads). */
export function plainText(html: string | null | undefined): string {
  if (!html) return '';
  if (!/[<&]/.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** HTML the server has already sanitised (question text, choices), rendered like a lesson body. */
export function HtmlView({ html, style, id }: { html: string; style?: CSSProperties; id?: string }) {
  return <div id={id} className="lesson-body question-html" style={{ overflowWrap: 'anywhere', ...style }} dangerouslySetInnerHTML={{ __html: html }} />;
}
