import { fold, foldMatch } from './fold';

describe('fold', () => {
  it('strips Vietnamese tones and vowel marks and lowercases', () => {
    expect(fold('Nguyễn Thị Mỹ Hạnh')).toBe('nguyen thi my hanh');
    expect(fold('Ơn Ưng Ăn Ân')).toBe('on ung an an');
  });

  it('maps đ and Đ to d (they do not decompose under NFD)', () => {
    expect(fold('Đăk Bla')).toBe('dak bla');
    expect(fold('đội')).toBe('doi');
  });

  it('gives the same result for NFC and NFD input', () => {
    const nfd = 'Tuấn'.normalize('NFD');
    expect(nfd).not.toBe('Tuấn');
    expect(fold(nfd)).toBe(fold('Tuấn'));
    expect(fold(nfd)).toBe('tuan');
  });

  it('normalises typographic apostrophes and spaces', () => {
    expect(fold('Rơ Mah  H’Linh ')).toBe("ro mah h'linh");
  });

  it('foldMatch finds a folded substring in any candidate', () => {
    expect(foldMatch('dak bla', 'Phường Đăk Bla')).toBe(true);
    expect(foldMatch('VAN HOA', 'Phòng Văn hóa - Xã hội')).toBe(true);
    expect(foldMatch('tuan', 'Nguyễn Văn An', null, 'Lê Tuân')).toBe(true);
    expect(foldMatch('hung', 'Nguyễn Văn An')).toBe(false);
    expect(foldMatch('  ', 'anything')).toBe(true);
  });
});
