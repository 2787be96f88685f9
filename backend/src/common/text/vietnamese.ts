/**
 * Vietnamese text helpers: NFC clean-up, diacritic-insensitive search keys, name order,
 * legacy-font (TCVN3 / VNI) detection, phone and e-mail checks. See docs/domain.md §4.
 * Pure functions, no I/O.
 */

const APOSTROPHES = /[\u2019\u02BC]/g;
/** Invisible characters that sneak in from Word/Excel copy-paste (zero-width space, BOM). */
const INVISIBLE = /[\u200B\uFEFF]/g;

/** Full clean-up for names and short fields: NFC, ’/ʼ → ', drop zero-width space/BOM, trim, collapse whitespace runs. */
export function nfc(s: string): string {
  return s.normalize('NFC').replace(APOSTROPHES, "'").replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

function nfcString(s: string): string {
  return s.normalize('NFC').replace(APOSTROPHES, "'");
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * NFC-normalise every string inside plain objects and arrays (and map ’/ʼ to '), returning a copy.
 * No trimming: free text keeps its spacing. Buffers, Dates, class instances and other values pass through untouched.
 */
export function nfcDeep(value: unknown): unknown {
  const seen = new WeakMap<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return nfcString(v);
    if (Array.isArray(v)) {
      if (seen.has(v)) return seen.get(v);
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(walk(item));
      return out;
    }
    if (isPlainObject(v)) {
      if (seen.has(v)) return seen.get(v);
      const out: Record<string, unknown> = Object.getPrototypeOf(v) === null ? Object.create(null) : {};
      seen.set(v, out);
      for (const key of Object.keys(v)) out[key] = walk(v[key]);
      return out;
    }
    return v;
  };
  return walk(value);
}

/** Search key: NFC → NFD → strip U+0300–U+036F → đ/Đ → d/D → lowercase → collapse spaces → trim. */
export function fold(s: string): string {
  return nfc(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Nguyễn" + "Thị Mỹ" + "Hạnh" → "Nguyễn Thị Mỹ Hạnh"; empty / missing parts are skipped. */
export function buildFullName(
  family: string | null | undefined,
  middle: string | null | undefined,
  given: string | null | undefined,
): string {
  return [family, middle, given]
    .map((p) => (p == null ? '' : nfc(p)))
    .filter((p) => p.length > 0)
    .join(' ');
}

/** ICU Vietnamese collation (a < ă < â, d < đ, …; tones secondary). */
export const viCollator = new Intl.Collator('vi');

export interface VietnameseNameParts {
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
}

/** Staff-list order: given name, then family name, then middle name (domain.md §4.1). */
export function compareVietnameseNames(a: VietnameseNameParts, b: VietnameseNameParts): number {
  return (
    viCollator.compare(a.givenName ?? '', b.givenName ?? '') ||
    viCollator.compare(a.familyName ?? '', b.familyName ?? '') ||
    viCollator.compare(a.middleName ?? '', b.middleName ?? '')
  );
}

// ---------------------------------------------------------------------------------------------
// Legacy 8-bit fonts (TCVN3/ABC ".VnTime", VNI "VNI-Times") pasted as Unicode
// ---------------------------------------------------------------------------------------------

export type LegacyFont = 'tcvn3' | 'vni';

/** TCVN3 byte (read as Latin-1 / cp1252) → Unicode letter. Upper-case toned letters use the .VnTimeH font with the same codes. */
const TCVN3: Record<string, string> = {
  '¡': 'Ă', '¢': 'Â', '£': 'Ê', '¤': 'Ô', '¥': 'Ơ', '¦': 'Ư', '§': 'Đ',
  '¨': 'ă', '©': 'â', 'ª': 'ê', '«': 'ô', '¬': 'ơ', '\u00AD': 'ư', '®': 'đ',
  'µ': 'à', '¶': 'ả', '·': 'ã', '¸': 'á', '¹': 'ạ',
  '»': 'ằ', '¼': 'ẳ', '½': 'ẵ', '¾': 'ắ', 'Æ': 'ặ',
  'Ç': 'ầ', 'È': 'ẩ', 'É': 'ẫ', 'Ê': 'ấ', 'Ë': 'ậ',
  'Ì': 'è', 'Î': 'ẻ', 'Ï': 'ẽ', 'Ð': 'é', 'Ñ': 'ẹ',
  'Ò': 'ề', 'Ó': 'ể', 'Ô': 'ễ', 'Õ': 'ế', 'Ö': 'ệ',
  '×': 'ì', 'Ø': 'ỉ', 'Ü': 'ĩ', 'Ý': 'í', 'Þ': 'ị',
  'ß': 'ò', 'á': 'ỏ', 'â': 'õ', 'ã': 'ó', 'ä': 'ọ',
  'å': 'ồ', 'æ': 'ổ', 'ç': 'ỗ', 'è': 'ố', 'é': 'ộ',
  'ê': 'ờ', 'ë': 'ở', 'ì': 'ỡ', 'í': 'ớ', 'î': 'ợ',
  'ï': 'ù', 'ñ': 'ủ', 'ò': 'ũ', 'ó': 'ú', 'ô': 'ụ',
  'õ': 'ừ', 'ö': 'ử', '÷': 'ữ', 'ø': 'ứ', 'ù': 'ự',
  'ú': 'ỳ', 'û': 'ỷ', 'ü': 'ỹ', 'ý': 'ý', 'þ': 'ỵ',
};

const GRAVE = '\u0300';
const ACUTE = '\u0301';
const TILDE = '\u0303';
const HOOK = '\u0309';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031B';

/** VNI: letters encoded as one byte. */
const VNI_SINGLE: Record<string, string> = {
  'ì': 'ì', 'í': 'í', 'ó': 'ĩ', 'ò': 'ị', 'æ': 'ỉ', 'î': 'ỵ', 'ñ': 'đ', 'ô': 'ơ', 'ö': 'ư',
  'Ì': 'Ì', 'Í': 'Í', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Æ': 'Ỉ', 'Î': 'Ỵ', 'Ñ': 'Đ', 'Ô': 'Ơ', 'Ö': 'Ư',
};
/** VNI: a byte following a vowel that adds marks to it; `on` lists the vowels it may follow. */
const VNI_MODIFIER: Record<string, { marks: string; on: string }> = {};
(() => {
  const add = (lower: string, marks: string, on: string) => {
    VNI_MODIFIER[lower] = { marks, on };
    VNI_MODIFIER[lower.toUpperCase()] = { marks, on };
  };
  // circumflex (+ tone) on a, e, o
  add('â', CIRCUMFLEX, 'aeo');
  add('á', CIRCUMFLEX + ACUTE, 'aeo');
  add('à', CIRCUMFLEX + GRAVE, 'aeo');
  add('å', CIRCUMFLEX + HOOK, 'aeo');
  add('ã', CIRCUMFLEX + TILDE, 'aeo');
  add('ä', CIRCUMFLEX + DOT, 'aeo');
  // breve (+ tone) on a
  add('ê', BREVE, 'a');
  add('é', BREVE + ACUTE, 'a');
  add('è', BREVE + GRAVE, 'a');
  add('ú', BREVE + HOOK, 'a');
  add('ü', BREVE + TILDE, 'a');
  add('ë', BREVE + DOT, 'a');
  // tone only, on any vowel (including ơ, ư)
  add('ù', ACUTE, 'aeiouyơư');
  add('ø', GRAVE, 'aeiouyơư');
  add('û', HOOK, 'aeiouyơư');
  add('õ', TILDE, 'aeiouyơư');
  add('ï', DOT, 'aeiouyơư');
})();

const isAsciiLetter = (c: string) => /^[A-Za-z]$/.test(c);
const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();

/** Decode one word written in TCVN3; null when it holds a byte TCVN3 does not use. */
function decodeTcvn3Word(word: string): string | null {
  let out = '';
  for (const c of word) {
    if (isAsciiLetter(c)) out += c;
    else if (TCVN3[c] !== undefined) out += TCVN3[c];
    else return null;
  }
  // .VnTimeH (all caps): the ASCII letters are upper case, the toned letters come out lower case.
  const ascii = [...word].filter(isAsciiLetter);
  if (ascii.length > 0 && ascii.every(isUpper) && (ascii.length > 1 || /[\u00A1-\u00A7]/.test(word))) out = out.toUpperCase();
  return out;
}

/** Decode one word written in VNI; null when a byte cannot be VNI at that position. */
function decodeVniWord(word: string): string | null {
  let out = '';
  let last = ''; // the decoded base letter the next modifier would attach to ('' when none)
  let lastMarked = false;
  for (const c of word) {
    const mod = VNI_MODIFIER[c];
    if (mod && last && !lastMarked && mod.on.includes(last.toLowerCase())) {
      out += mod.marks;
      lastMarked = true;
      continue;
    }
    if (isAsciiLetter(c)) {
      out += c;
      last = c;
      lastMarked = false;
    } else if (VNI_SINGLE[c] !== undefined) {
      const d = VNI_SINGLE[c];
      out += d;
      last = d;
      lastMarked = !/[ơưƠƯ]/.test(d); // ơ/ư still take a tone byte
    } else {
      return null;
    }
  }
  return out.normalize('NFC');
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?';
const NUCLEI = [
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'oo', 'ôi', 'ơi',
  'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyê', 'uyu', 'ươi', 'ươu', 'iêu', 'yêu', 'uêu',
].sort((x, y) => y.length - x.length);
const CODA = '(?:ch|ng|nh|[cmnptk])?';
const SYLLABLE = new RegExp(`^${ONSET}(?:${NUCLEI.join('|')})${CODA}$`);

/** Does the word look like one well-formed Vietnamese syllable (any tone placement, sane capitalisation)? */
function isVietnameseSyllable(word: string, checkCase: boolean): boolean {
  if (checkCase) {
    const chars = [...word];
    const rest = chars.slice(1);
    const caseOk = chars.every((c) => isLower(c) || isUpper(c)) && (rest.every(isLower) || rest.every(isUpper));
    if (!caseOk) return false;
  }
  const d = word.toLowerCase().normalize('NFD');
  const tones = d.match(TONE_MARKS);
  if (tones && tones.length > 1) return false;
  const base = d.replace(TONE_MARKS, '').normalize('NFC');
  return SYLLABLE.test(base);
}

/** Split on whitespace, ASCII punctuation and digits, keeping Latin-1 symbols (they are TCVN3 letters). */
function legacyCandidateWords(s: string): string[] {
  return s
    .normalize('NFC')
    .split(/[\s\u0021-\u0040\u005B-\u0060\u007B-\u007E\u00A0\u2018\u2019\u02BC]+/)
    .filter((w) => w.length > 0 && /[\u00A1-\u00FF]/.test(w) && /^[A-Za-z\u00A1-\u00FF]+$/.test(w));
}

/**
 * Heuristic (domain.md §4.5): does this text look like TCVN3 or VNI bytes shown as Unicode?
 * A word counts as evidence when it is not a valid Vietnamese syllable as written but decodes to one.
 * Correct Unicode Vietnamese, ASCII, emoji and non-Latin-1 text are never flagged.
 */
export function detectLegacyFont(s: string): LegacyFont | null {
  let tcvn3 = 0;
  let tcvn3Strong = 0;
  let vni = 0;
  for (const word of legacyCandidateWords(s)) {
    if (!/[A-Za-z]/.test(word) || isVietnameseSyllable(word, true)) continue;
    const t = decodeTcvn3Word(word);
    if (t !== null && t !== word && isVietnameseSyllable(t, false)) {
      tcvn3++;
      // TCVN3 leaves symbols (µ ¨ ª ×…) or a capital inside a lower-case word; VNI uses only Latin-1 letters after a vowel.
      if (/[^A-Za-z\u00C0-\u00C3\u00C8-\u00CA\u00CC\u00CD\u00D2-\u00D5\u00D9\u00DA\u00DD\u00E0-\u00E3\u00E8-\u00EA\u00EC\u00ED\u00F2-\u00F5\u00F9\u00FA\u00FD]/.test(word) || /[a-z][\u00C0-\u00DE]/.test(word)) tcvn3Strong++;
    }
    const v = decodeVniWord(word);
    if (v !== null && v !== word && isVietnameseSyllable(v, false)) vni++;
  }
  if (tcvn3 === 0 && vni === 0) return null;
  if (tcvn3 !== vni) return tcvn3 > vni ? 'tcvn3' : 'vni';
  return tcvn3Strong > 0 ? 'tcvn3' : 'vni';
}

/** Best-effort conversion of legacy-font text to Unicode (word by word; words that do not decode are kept). */
export function fromLegacyFont(s: string, font: LegacyFont): string {
  return s
    .normalize('NFC')
    .replace(/[A-Za-z\u00A1-\u00FF]+/g, (w) => {
      if (!/[\u00A1-\u00FF]/.test(w)) return w;
      const d = font === 'tcvn3' ? decodeTcvn3Word(w) : decodeVniWord(w);
      return d ?? w;
    })
    .normalize('NFC');
}

// ---------------------------------------------------------------------------------------------
// Phone numbers and e-mail
// ---------------------------------------------------------------------------------------------

/** Legacy 11-digit mobile prefixes (migrated 2018–2019) → current 3-digit prefix (domain.md §4.9). */
export const LEGACY_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  '0186': '056', '0188': '058',
  '0199': '059',
};

const MOBILE = /^0[35789]\d{8}$/;

export type PhoneResult = { ok: true; value: string } | { ok: false; reason: 'format' };

/**
 * Vietnamese mobile → national 10-digit form "0xxxxxxxxx". Accepts spaces, dots, dashes and parentheses,
 * a +84 / 84 / 0084 prefix, and rewrites legacy 11-digit numbers (0168…→038…). Landlines and anything else: format error.
 */
export function normalizePhone(s: string): PhoneResult {
  const fail: PhoneResult = { ok: false, reason: 'format' };
  if (typeof s !== 'string') return fail;
  const raw = nfc(s);
  if (!/^\+?[\d\s.\-()]+$/.test(raw)) return fail;
  let d = raw.replace(/[\s.\-()]/g, '');
  if (d.startsWith('+')) {
    if (!d.startsWith('+84')) return fail;
    d = d.slice(3);
    if (d.startsWith('0')) d = d.slice(1); // "+84 (0)912…"
    d = '0' + d;
  } else if (d.startsWith('0084')) {
    d = '0' + d.slice(4);
  } else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) {
    d = '0' + d.slice(2);
  }
  if (d.length === 11) {
    const next = LEGACY_MOBILE_PREFIXES[d.slice(0, 4)];
    if (!next) return fail;
    d = next + d.slice(4);
  }
  return MOBILE.test(d) ? { ok: true, value: d } : fail;
}

/** Pragmatic e-mail check: one @, non-empty local part ≤ 64, dotted domain with a ≥ 2-letter TLD, no spaces, ≤ 254 chars. */
export function isValidEmail(s: string): boolean {
  if (typeof s !== 'string' || s.length === 0 || s.length > 254) return false;
  if (/\s/.test(s)) return false;
  const at = s.indexOf('@');
  if (at <= 0 || at !== s.lastIndexOf('@')) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  if (/[<>()[\]\\,;:"]/.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(l))) return false;
  return /^\p{L}{2,}$/u.test(labels[labels.length - 1]);
}
