/** Unit tests of the attendance module's pure parts: time, series, shares, tokens, distance, the sign-in sheet. */
import { localToUtc, maskPhone, personStats, seriesDates, utcToLocal } from './attendance-common';
import { haversineM, parseTicket, parseToken, shortCode, signTicket, signToken, stepOf } from './checkin-token';
import { buildSignInSheet } from './sign-in-sheet';

const rule = { weights: { present: 1, late: 1, left_early: 0.5, excused: 0, unexcused: 0 }, rateBasis: 'sessions' as const, minShare: 75 };
const day = (d: string, h = 8, len = 1.5) => ({ id: d, startsAt: new Date(`${d}T0${h}:00:00+07:00`), endsAt: new Date(new Date(`${d}T0${h}:00:00+07:00`).getTime() + len * 3600_000) });

describe('local time (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('converts both ways, across midnight UTC', () => {
    expect(localToUtc('2026-03-14', '06:30').toISOString()).toBe('2026-03-13T23:30:00.000Z');
    expect(utcToLocal(new Date('2026-03-13T23:30:00Z'))).toEqual({ date: '2026-03-14', time: '06:30', weekday: 6 });
    expect(utcToLocal(new Date('2026-03-15T12:00:00Z')).weekday).toBe(7);
  });
});

describe('seriesDates', () => {
  it('gives the chosen weekdays of every N-th week, from the start to the end inclusive', () => {
    expect(seriesDates('2031-03-01', '2031-03-22', [6], 1, 200)).toEqual(['2031-03-01', '2031-03-08', '2031-03-15', '2031-03-22']);
    // weeks counted from the week of the start (Monday 2031-03-31)
    expect(seriesDates('2031-04-01', '2031-04-30', [2, 4], 2, 200)).toEqual(['2031-04-01', '2031-04-03', '2031-04-15', '2031-04-17', '2031-04-29']);
    expect(seriesDates('2031-03-02', '2031-03-06', [6], 1, 200)).toEqual([]);
    expect(seriesDates('2031-01-01', '2032-01-01', [1, 2, 3, 4, 5, 6, 7], 1, 10)).toHaveLength(11);
  });
});

describe('personStats', () => {
  const now = new Date('2026-04-01T00:00:00Z');
  const sessions = ['2026-03-07', '2026-03-14', '2026-03-21', '2026-03-28', '2026-04-04'].map((d) => day(d));
  it('weights statuses, counts held sessions so far, and the share of all scheduled sessions', () => {
    const marks: Record<string, string> = { '2026-03-07': 'present', '2026-03-14': 'late', '2026-03-21': 'left_early', '2026-03-28': 'unexcused' };
    const s = personStats(sessions, (id) => marks[id], rule, now);
    expect(s).toEqual({ attendedSessions: 3, rateSoFar: 62.5, share: 50, maxReachable: 70, hours: 3.75, atRisk: true, completed: false });
  });
  it('completes at exactly the minimum share (3 of 4)', () => {
    const four = sessions.slice(0, 4);
    const s = personStats(four, (id) => (id === '2026-03-28' ? 'excused' : 'present'), rule, now);
    expect(s).toMatchObject({ share: 75, completed: true, atRisk: false, hours: 4.5 });
  });
  it('weights by hours when the rule says so', () => {
    const two = [day('2026-03-07', 8, 1), day('2026-03-14', 8, 3)];
    const s = personStats(two, (id) => (id === '2026-03-14' ? 'present' : null), { ...rule, rateBasis: 'hours' }, now);
    expect(s.share).toBe(75);
  });
  it('is not at risk before any session is held', () => {
    expect(personStats([day('2026-05-01')], () => null, rule, now)).toMatchObject({ atRisk: false, rateSoFar: 0, maxReachable: 100 });
  });
});

describe('check-in tokens', () => {
  const key = Buffer.alloc(32, 1);
  const sid = '3f2b8c1e-1d2a-4c3b-9a8e-7f6d5c4b3a21';
  it('signs and parses a token; any change of payload or signature, or another key, is refused', () => {
    const t = signToken(key, sid, 177_000_000, 10);
    expect(parseToken(key, t)).toEqual({ sessionId: sid, step: 177_000_000, stepSeconds: 10 });
    expect(parseToken(Buffer.alloc(32, 2), t)).toBeNull();
    const [p, g] = t.split('.');
    const other = signToken(key, sid.replace('3f2b', '3f2c'), 177_000_000, 10).split('.')[0];
    expect(parseToken(key, `${other}.${g}`)).toBeNull();
    expect(parseToken(key, `${p}.${g.slice(0, -1)}${g.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    for (const bad of ['', 'a.b', '...', 'x'.repeat(300), 42, null]) expect(parseToken(key, bad)).toBeNull();
  });
  it('derives a 6-digit code per session and step', () => {
    const a = shortCode(key, sid, 5, 10);
    expect(a).toMatch(/^\d{6}$/);
    expect(shortCode(key, sid, 5, 10)).toBe(a);
    expect(new Set(Array.from({ length: 50 }, (_, i) => shortCode(key, sid, i, 10))).size).toBeGreaterThan(45);
    expect(stepOf(25_000, 10)).toBe(2);
  });
  it('binds a ticket to the device token', () => {
    const tk = signTicket(key, sid, 1_770_000_000, 'device-token');
    const p = parseTicket(key, tk);
    expect(p?.sessionId).toBe(sid);
    expect(p?.issuedAt).toBe(1_770_000_000);
    expect(parseTicket(key, tk.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeNull();
  });
});

describe('haversine and phone masks', () => {
  it('measures metres on the ground', () => {
    expect(haversineM(14.3497, 108.0005, 14.3497, 108.0005)).toBe(0);
    expect(Math.round(haversineM(14.3497, 108.0005, 14.3597, 108.0005))).toBe(1112);
    expect(maskPhone('0912345678')).toBe('091****678');
    expect(maskPhone(null)).toBeNull();
  });
});

/** Decodes the text of an uncompressed PDF through the ToUnicode maps of its embedded fonts. */
function pdfTexts(pdf: Buffer): string[] {
  const s = pdf.toString('latin1');
  const maps: Map<number, string>[] = [];
  for (const m of s.matchAll(/beginbfrange\n([\s\S]*?)endbfrange/g)) {
    const map = new Map<number, string>();
    for (const r of m[1].matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi)) {
      const start = parseInt(r[1], 16);
      [...r[3].matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => map.set(start + i, String.fromCharCode(...(u[1].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)))));
    }
    maps.push(map);
  }
  const out: string[] = [];
  for (const tj of s.matchAll(/\[([^\]\n]*)\] TJ/g)) {
    const codes = [...tj[1].matchAll(/<([0-9a-f]+)>/gi)].flatMap((h) => (h[1].match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
    for (const map of maps) if (codes.every((c) => map.has(c))) out.push(codes.map((c) => map.get(c)).join(''));
  }
  return out;
}

describe('sign-in sheet PDF', () => {
  it('is A4 with the Vietnamese names, the class and the signature column in an embedded font', async () => {
    const people = Array.from({ length: 40 }, (_, i) => ({ fullName: i === 0 ? 'Nguyễn Thị Lài' : i === 1 ? "Rơ Châm H'Lan" : `Người dân số ${i + 1}`, birthYear: 1950 + i, unitName: 'Tổ dân phố 3' }));
    const pdf = await buildSignInSheet({
      unitName: 'Tổ dân phố 3', classTitle: 'Lớp "Bình dân học vụ số" Tổ dân phố 3', classCode: 'BDHVS-TDP3', sessionLine: 'Thứ Bảy, 14/03/2026, 19:00 - 20:30',
      venue: 'Nhà văn hóa Tổ dân phố 3', topic: 'Cài đặt và kích hoạt VNeID', trainers: ['Giảng viên'], people,
    }, { compress: false });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect((raw.match(/\/Type \/Page\b/g) ?? []).length).toBe(2);
    const texts = pdfTexts(pdf);
    for (const want of ['Nguyễn Thị Lài', "Rơ Châm H'Lan", 'Ký tên', 'Họ và tên', 'DANH SÁCH ĐIỂM DANH (KÝ TÊN)', 'Buổi học: Thứ Bảy, 14/03/2026, 19:00 - 20:30', 'Trang 2/2']) {
      expect(texts).toContain(want);
    }
  });
});
