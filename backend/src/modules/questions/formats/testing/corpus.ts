/**
 * Test support for the format specs: reads backend/test/corpora (a verbatim copy of the shared corpora)
 * and compares parse results with the neutral expectations of each expected.json. Not used at runtime.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CORPORA = path.resolve(__dirname, '../../../../../test/corpora');

export function corpusFile(rel: string): Buffer {
  return fs.readFileSync(path.join(CORPORA, rel));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expected(format: 'gift' | 'aiken' | 'moodlexml'): any {
  return JSON.parse(fs.readFileSync(path.join(CORPORA, format, 'expected.json'), 'utf8'));
}

/** Keys of an expected case that describe provenance or Moodle internals, not the parse result. */
export const META_KEYS = new Set([
  'id',
  'file',
  'index',
  'source',
  'expectationBasis',
  'moodleQtype',
  'xmlType',
  'note',
  'titleNote',
  'unitTestText',
  'plainTextPreview',
  'moodleQuirk',
  'mappingNote',
  'rawText',
  'startLine',
  'files',
]);

/**
 * Every key the expectation gives must match the actual value (extra keys in the actual object are fine).
 * Numbers: 1e-7 for fractions, 1e-9 otherwise. Returns a list of mismatches ("path: expected X, got Y").
 */
export function mismatches(actual: unknown, exp: unknown, at = '$', key = ''): string[] {
  if (typeof exp === 'number') {
    const eps = key === 'fraction' ? 1e-7 : 1e-9;
    return typeof actual === 'number' && Math.abs(actual - exp) <= eps ? [] : [`${at}: expected ${exp}, got ${JSON.stringify(actual)}`];
  }
  if (exp === null || typeof exp !== 'object') {
    return Object.is(actual, exp) || actual === exp ? [] : [`${at}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== exp.length) return [`${at}: expected ${exp.length} items, got ${actual.length}: ${JSON.stringify(actual).slice(0, 300)}`];
    return exp.flatMap((e, i) => mismatches(actual[i], e, `${at}[${i}]`, key));
  }
  if (actual === null || typeof actual !== 'object') return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
  const out: string[] = [];
  for (const [k, v] of Object.entries(exp as Record<string, unknown>)) {
    if (META_KEYS.has(k)) continue;
    out.push(...mismatches((actual as Record<string, unknown>)[k], v, `${at}.${k}`, k));
  }
  return out;
}
