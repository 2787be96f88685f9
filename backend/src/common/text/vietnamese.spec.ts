import { readFileSync } from 'fs';
import {
  buildFullName,
  compareVietnameseNames,
  detectLegacyFont,
  fold,
  fromLegacyFont,
  isValidEmail,
  nfc,
  nfcDeep,
  normalizePhone,
  viCollator,
} from './vietnamese';

const NFD = (s: string) => s.normalize('NFD');

// ---------------------------------------------------------------------------------------------
// Test-only encoders: Unicode → TCVN3 / VNI bytes shown as Latin-1 (what a pasted legacy text looks like)
// ---------------------------------------------------------------------------------------------

/** Unicode letter → TCVN3 byte as a Latin-1 character (lower-case toned letters; upper-case only ĂÂÊÔƠƯĐ). */
const TCVN3_ENC: Record<string, string> = {
  Ă: '\xA1', Â: '\xA2', Ê: '\xA3', Ô: '\xA4', Ơ: '\xA5', Ư: '\xA6', Đ: '\xA7',
  ă: '\xA8', â: '\xA9', ê: '\xAA', ô: '\xAB', ơ: '\xAC', ư: '\xAD', đ: '\xAE',
  à: '\xB5', ả: '\xB6', ã: '\xB7', á: '\xB8', ạ: '\xB9',
  ằ: '\xBB', ẳ: '\xBC', ẵ: '\xBD', ắ: '\xBE', ặ: '\xC6',
  ầ: '\xC7', ẩ: '\xC8', ẫ: '\xC9', ấ: '\xCA', ậ: '\xCB',
  è: '\xCC', ẻ: '\xCE', ẽ: '\xCF', é: '\xD0', ẹ: '\xD1',
  ề: '\xD2', ể: '\xD3', ễ: '\xD4', ế: '\xD5', ệ: '\xD6',
  ì: '\xD7', ỉ: '\xD8', ĩ: '\xDC', í: '\xDD', ị: '\xDE',
  ò: '\xDF', ỏ: '\xE1', õ: '\xE2', ó: '\xE3', ọ: '\xE4',
  ồ: '\xE5', ổ: '\xE6', ỗ: '\xE7', ố: '\xE8', ộ: '\xE9',
  ờ: '\xEA', ở: '\xEB', ỡ: '\xEC', ớ: '\xED', ợ: '\xEE',
  ù: '\xEF', ủ: '\xF1', ũ: '\xF2', ú: '\xF3', ụ: '\xF4',
  ừ: '\xF5', ử: '\xF6', ữ: '\xF7', ứ: '\xF8', ự: '\xF9',
  ỳ: '\xFA', ỷ: '\xFB', ỹ: '\xFC', ý: '\xFD', ỵ: '\xFE',
};
function toTcvn3(s: string): string {
  let out = '';
  for (const c of s.normalize('NFC')) {
    if (TCVN3_ENC[c]) out += TCVN3_ENC[c];
    else if (/[\x20-\x7E]/.test(c)) out += c;
    else if (TCVN3_ENC[c.toLowerCase()]) out += TCVN3_ENC[c.toLowerCase()]; // upper-case toned letter: .VnTimeH uses the lower code
    else throw new Error(`no TCVN3 code for ${c}`);
  }
  return out;
}

/** Unicode → VNI: base letter + shape/tone byte(s). */
function toVni(s: string): string {
  const TONE: Record<string, string> = { '\u0301': 'ù', '\u0300': 'ø', '\u0309': 'û', '\u0303': 'õ', '\u0323': 'ï' };
  const CIRC: Record<string, string> = { '': 'â', '\u0301': 'á', '\u0300': 'à', '\u0309': 'å', '\u0303': 'ã', '\u0323': 'ä' };
  const BREVE: Record<string, string> = { '': 'ê', '\u0301': 'é', '\u0300': 'è', '\u0309': 'ú', '\u0303': 'ü', '\u0323': 'ë' };
  const SINGLE: Record<string, string> = { ì: 'ì', í: 'í', ĩ: 'ó', ị: 'ò', ỉ: 'æ', ỵ: 'î', đ: 'ñ' };
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const lower = ch.toLowerCase();
    const up = ch !== lower;
    const cased = (x: string) => (up ? x.toUpperCase() : x);
    if (SINGLE[lower]) {
      out += cased(SINGLE[lower]);
      continue;
    }
    const d = lower.normalize('NFD');
    const base = d[0];
    const marks = d.slice(1);
    const tone = [...marks].find((m) => TONE[m]) ?? '';
    if (marks.includes('\u0302')) out += cased(base) + cased(CIRC[tone]);
    else if (marks.includes('\u0306')) out += cased(base) + cased(BREVE[tone]);
    else if (marks.includes('\u031B')) out += cased(base === 'o' ? 'ô' : 'ö') + (tone ? cased(TONE[tone]) : '');
    else if (tone) out += cased(base) + cased(TONE[tone]);
    else out += ch;
  }
  return out;
}

describe('nfc', () => {
  it('composes NFD input and is idempotent', () => {
    const s = 'Nguyễn Thị Mỹ Hạnh';
    expect(NFD(s)).not.toBe(s);
    expect(nfc(NFD(s))).toBe(s);
    expect(nfc(nfc(NFD(s)))).toBe(s);
  });
  it('maps typographic apostrophes to U+0027', () => {
    expect(nfc('Rơ Mah H\u2019Linh')).toBe("Rơ Mah H'Linh");
    expect(nfc('Ksor H\u02BCBia')).toBe("Ksor H'Bia");
  });
  it('trims and collapses whitespace (tabs, NBSP, newlines), drops zero-width spaces', () => {
    expect(nfc('  Nguyễn \t Văn\u00A0\u00A0A \n')).toBe('Nguyễn Văn A');
    expect(nfc('\uFEFFLê\u200B Thị Hoa')).toBe('Lê Thị Hoa');
  });
  it('leaves SQL metacharacters and emoji untouched', () => {
    const s = "Robert'); DROP TABLE staff_members;-- 👩‍💻 %_\\";
    expect(nfc(s)).toBe(s);
    expect(nfc(NFD('Trần Thị Ánh 🌸'))).toBe('Trần Thị Ánh 🌸');
  });
});

describe('nfcDeep', () => {
  it('normalises strings at any depth without trimming and returns a copy', () => {
    const input = { a: NFD(' Đăk Bla '), list: [NFD('Hạnh'), 3, { q: 'H\u2019Linh' }], n: null, ok: true };
    const out = nfcDeep(input) as typeof input;
    expect(out).toEqual({ a: ' Đăk Bla ', list: ['Hạnh', 3, { q: "H'Linh" }], n: null, ok: true });
    expect(input.a).toBe(NFD(' Đăk Bla ')); // input not mutated
    expect(out).not.toBe(input);
  });
  it('leaves Buffers, Dates and class instances alone', () => {
    const buf = Buffer.from(NFD('ế'), 'utf8');
    const date = new Date(0);
    class Box {
      constructor(public v: string) {}
    }
    const box = new Box(NFD('ế'));
    const out = nfcDeep({ buf, date, box }) as { buf: Buffer; date: Date; box: Box };
    expect(out.buf).toBe(buf);
    expect(out.date).toBe(date);
    expect(out.box).toBe(box);
    expect(out.box.v).toBe(NFD('ế'));
  });
  it('handles top-level strings and cycles', () => {
    expect(nfcDeep(NFD('Hồ'))).toBe('Hồ');
    const a: Record<string, unknown> = { s: NFD('Võ') };
    a.self = a;
    const out = nfcDeep(a) as Record<string, unknown>;
    expect(out.s).toBe('Võ');
    expect(out.self).toBe(out);
  });
});

describe('fold', () => {
  it.each([
    ['Nguyễn Văn A', 'nguyen van a'],
    ['Đăk Bla', 'dak bla'],
    ['Rơ Mah H\u2019Linh', "ro mah h'linh"],
    ['  TRẦN   THỊ  ƯNG ', 'tran thi ung'],
    ['Phường Đăk Bla — Ủy ban', 'phuong dak bla — uy ban'],
    ['Tuấn', 'tuan'],
    ['Tuân', 'tuan'],
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
  it('gives the same key for NFD and NFC input', () => {
    for (const s of ['Nguyễn Văn A', 'Đặng Thị Ngọc Hưởng', 'Huỳnh Thị Ỷ']) expect(fold(NFD(s))).toBe(fold(s));
  });
  it('keeps SQL metacharacters and emoji', () => {
    expect(fold("O'Brien%_; 😀")).toBe("o'brien%_; 😀");
  });
});

describe('buildFullName', () => {
  it('joins non-empty parts with one space', () => {
    expect(buildFullName('Nguyễn', 'Thị Mỹ', 'Hạnh')).toBe('Nguyễn Thị Mỹ Hạnh');
    expect(buildFullName('', 'A', 'Hùng')).toBe('A Hùng');
    expect(buildFullName('Rơ Mah', null, 'H\u2019Linh')).toBe("Rơ Mah H'Linh");
    expect(buildFullName(undefined, '  ', NFD(' Liên '))).toBe('Liên');
    expect(buildFullName(null, null, null)).toBe('');
  });
});

describe('Vietnamese collation', () => {
  it('matches the ICU order from domain.md §4.2', () => {
    const input = ['Đức', 'Dũng', 'Ánh', 'Anh', 'Ân', 'Ăn', 'Ơn', 'Ôn', 'On', 'Ưng', 'Uyên', 'Hà', 'Hạ', 'Há', 'Hả', 'Hã', 'Hằng'];
    expect([...input].sort(viCollator.compare).join(' ')).toBe('Anh Ánh Ăn Ân Dũng Đức Hà Hả Hã Há Hạ Hằng On Ôn Ơn Uyên Ưng');
  });
  it('sorts by given, then family, then middle name', () => {
    const people = [
      { familyName: 'Trần', middleName: 'Văn', givenName: 'Đông' },
      { familyName: 'Lê', middleName: 'Thị', givenName: 'Yến' },
      { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An' },
      { familyName: 'Bùi', middleName: 'Thị', givenName: 'An' },
      { familyName: 'Bùi', middleName: 'Anh', givenName: 'An' },
      { familyName: '', middleName: 'A', givenName: 'Hùng' },
    ];
    const sorted = [...people].sort(compareVietnameseNames).map((p) => buildFullName(p.familyName, p.middleName, p.givenName));
    expect(sorted).toEqual(['Bùi Anh An', 'Bùi Thị An', 'Nguyễn Văn An', 'Trần Văn Đông', 'A Hùng', 'Lê Thị Yến']);
  });
  it('treats missing parts as empty', () => {
    expect(compareVietnameseNames({ givenName: 'An' }, { givenName: 'An', familyName: null })).toBe(0);
  });
});

describe('detectLegacyFont', () => {
  const seed = JSON.parse(readFileSync('/work/shared/data/seed-units-staff.json', 'utf8')) as {
    units: { name: string }[];
    staff: { fullName: string; position: string }[];
    communityDigitalTeamMembers: { fullName: string; communityRoleLabel?: string }[];
  };

  it('has no false positives on the seed (names, unit names, positions)', () => {
    const texts = [
      ...seed.staff.map((s) => s.fullName),
      ...seed.staff.map((s) => s.position),
      ...seed.communityDigitalTeamMembers.map((m) => m.fullName),
      ...seed.communityDigitalTeamMembers.map((m) => m.communityRoleLabel ?? ''),
      ...seed.units.map((u) => u.name),
    ];
    expect(seed.staff).toHaveLength(120);
    expect(seed.communityDigitalTeamMembers).toHaveLength(24);
    const flagged = texts.filter((t) => detectLegacyFont(t) !== null);
    expect(flagged).toEqual([]);
    // and the same text in NFD
    expect(texts.filter((t) => detectLegacyFont(NFD(t)) !== null)).toEqual([]);
  });

  it.each([
    'Rơ Mah H\u2019Linh', "Rơ Mah H'Linh", 'A Hùng', 'Y Liên', "Ksor H'Bia", 'Nguyễn Văn A', 'Hoàng Thị Bình', 'Lý Thị Tú',
    'Võ Hà', 'Hoà', 'Thuý', 'Jane Smith', "O'Connor-Smith", 'Hello, world! 123', 'Müller', 'José García', 'François Noël',
    'Søren Ørsted', 'Zoë Renée', 'café crème', '😀🎉 Trần 👍', '李小龍', 'Москва', '', '   ', 'Nguyen Van A', 'ĐĂK BLA',
    'PHƯỜNG ĐĂK BLA', 'Phạm Thị Ngọc Ánh', 'Kpă Y Blin', '© 2025 UBND', '50% hoàn thành',
  ])('does not flag %p', (s) => {
    expect(detectLegacyFont(s)).toBeNull();
  });

  it('recognises the samples from domain.md §4.5', () => {
    expect(detectLegacyFont('NguyÔn V¨n A')).toBe('tcvn3');
    for (const s of ['TrÇn', 'Lª', 'Hå', 'Hoµng', 'B×nh', '§inh V¨n Toµn']) expect(detectLegacyFont(s)).toBe('tcvn3');
    expect(detectLegacyFont('Nguyeãn Vaên A')).toBe('vni');
    for (const s of ['Traàn', 'Leâ', 'Hoaøng', 'Ñinh Vaên Toaøn']) expect(detectLegacyFont(s)).toBe('vni');
  });

  const realNames = [
    'Nguyễn Văn An', 'Trần Thị Bích Ngọc', 'Lê Hoàng Phúc', 'Phạm Minh Tuấn', 'Huỳnh Thị Kim Liên', 'Võ Đức Thắng',
    'Đặng Thị Hương', 'Bùi Quang Huy', 'Đỗ Thị Thu Trang', 'Hồ Ngọc Sơn', 'Ngô Thị Ánh Tuyết', 'Dương Văn Lực',
    'Phòng Văn hóa - Xã hội', 'Trung tâm Phục vụ hành chính công', 'Ủy ban nhân dân phường Đăk Bla',
  ];

  it.each(realNames.map((n) => [n, toTcvn3(n)]))('flags TCVN3 %s (%s)', (name, encoded) => {
    expect(encoded).not.toBe(name);
    expect(detectLegacyFont(encoded)).toBe('tcvn3');
    expect(fromLegacyFont(encoded, 'tcvn3').toLowerCase()).toBe(name.toLowerCase());
  });

  it.each(realNames.map((n) => [n, toVni(n)]))('flags VNI %s (%s)', (name, encoded) => {
    expect(encoded).not.toBe(name);
    expect(detectLegacyFont(encoded)).toBe('vni');
    expect(fromLegacyFont(encoded, 'vni')).toBe(name);
  });

  it('flags all-caps legacy text (.VnTimeH / VNI caps)', () => {
    expect(detectLegacyFont(toTcvn3('TRẦN VĂN ĐỨC'))).toBe('tcvn3');
    expect(fromLegacyFont(toTcvn3('TRẦN VĂN ĐỨC'), 'tcvn3')).toBe('TRẦN VĂN ĐỨC');
    expect(detectLegacyFont(toVni('NGUYỄN VĂN ĐỨC'))).toBe('vni');
    expect(fromLegacyFont(toVni('NGUYỄN VĂN ĐỨC'), 'vni')).toBe('NGUYỄN VĂN ĐỨC');
  });

  it('own encoders agree with the domain.md samples', () => {
    expect(toTcvn3('Nguyễn Văn A')).toBe('NguyÔn V¨n A');
    expect(toVni('Nguyễn Văn A')).toBe('Nguyeãn Vaên A');
    expect(toVni('Hoàng')).toBe('Hoaøng');
    expect(toVni('Đ')).toBe('Ñ');
  });
});

describe('normalizePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84 (0) 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0084 912 345 678', '0912345678'],
    ['0389427952', '0389427952'],
    ['0523456789', '0523456789'],
    ['0789427952', '0789427952'],
    ['0868123456', '0868123456'],
    ['01681234567', '0381234567'],
    ['0162 123 4567', '0321234567'],
    ['01201234567', '0701234567'],
    ['01291234567', '0821234567'],
    ['01861234567', '0561234567'],
    ['01991234567', '0591234567'],
    ['+841681234567', '0381234567'],
    ['841231234567', '0831234567'],
    [' 0912345678 ', '0912345678'],
  ])('%p → %p', (input, value) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value });
  });
  it.each([
    '', '091234567', '09123456789', '0212345678', '0412345678', '0612345678', '02553822123', '0255 3822 123',
    '01301234567', '01001234567', '+1 912 345 678', '+8491234567', 'abc0912345678', '0912345678 ext 2', '09l2345678',
    '0912345678;DROP', '１２３',
  ])('rejects %p', (input) => {
    expect(normalizePhone(input)).toEqual({ ok: false, reason: 'format' });
  });
  it('seed phone numbers are all valid and unchanged', () => {
    const seed = JSON.parse(readFileSync('/work/shared/data/seed-units-staff.json', 'utf8')) as { staff: { phone: string }[] };
    for (const s of seed.staff) expect(normalizePhone(s.phone)).toEqual({ ok: true, value: s.phone });
  });
});

describe('isValidEmail', () => {
  it.each(['hanhntm@dakbla.example', 'Hanh.NTM@DakBla.gov.vn', 'a+tag@sub.domain.vn', 'x_y-z@a-b.com', 'thinh@đăkbla.vn'])(
    'accepts %p',
    (e) => expect(isValidEmail(e)).toBe(true),
  );
  it.each([
    '', 'plain', '@dakbla.vn', 'a@', 'a@b', 'a@@b.vn', 'a@b@c.vn', 'a b@c.vn', 'a@b .vn', ' a@b.vn', 'a@b.v',
    '.a@b.vn', 'a.@b.vn', 'a..b@c.vn', 'a@-b.vn', 'a@b..vn', 'a@b.vn.', `${'x'.repeat(65)}@b.vn`, `a@${'b'.repeat(250)}.vn`,
    "a'); DROP TABLE x;--@b.vn",
  ])('rejects %p', (e) => expect(isValidEmail(e)).toBe(false));
});
