/**
 * Splitting a one-column "Họ và tên" into family / middle / given name, only when a spreadsheet has
 * no separate columns. Names cannot be split reliably by spaces (domain.md §4.1), so anything outside
 * the common Kinh pattern is reported as a warning for the user to check.
 */
import { fold } from '../../../common/text/vietnamese';

const KINH_FAMILY = new Set(
  ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
    'Đào', 'Đoàn', 'Vương', 'Trịnh', 'Trương', 'Lâm', 'Phùng', 'Mai', 'Tô', 'Hà', 'Tạ', 'Lưu', 'Châu', 'Cao', 'Đinh', 'Lương',
    'Thái', 'Quách', 'Tăng', 'Văn', 'Kiều', 'Từ', 'Hứa', 'Lại', 'La', 'Tôn', 'Khúc', 'Kim', 'Thân', 'Âu', 'Chu', 'Diệp',
    'Nghiêm', 'Triệu', 'Mạc', 'Lục', 'Doãn', 'Giang', 'Khổng', 'Lã', 'Nông', 'Ông', 'Quan', 'Tống', 'Vi', 'Yên', 'Trình', 'Bạch']
    .map(fold),
);
/** Two-syllable Jrai family names (domain.md §4.1). */
const JRAI_TWO = ['Rơ Mah', 'Rơ Châm', 'Rơ Chăm', 'Rơ Chom', 'Rơ Ô', 'Rơ Lan'].map(fold);
const JRAI_ONE = new Set(['Ksor', 'Nay', 'Kpă', 'Siu', 'Puih', 'Alê', 'Rahlan', 'Rchăm', 'Rmah'].map(fold));

export interface SplitName {
  familyName: string;
  middleName: string;
  givenName: string;
  /** false when the split is a guess the user should check */
  certain: boolean;
}

/** Splits "family + middle" (the "Họ đệm" column). */
export function splitFamilyMiddle(s: string): { familyName: string; middleName: string; certain: boolean } {
  const words = s.split(' ').filter(Boolean);
  if (!words.length) return { familyName: '', middleName: '', certain: true };
  const two = words.slice(0, 2).join(' ');
  if (words.length >= 2 && JRAI_TWO.includes(fold(two))) {
    return { familyName: two, middleName: words.slice(2).join(' '), certain: true };
  }
  // Highland names without a family name: "A" (men) / "Y" (women) before the given name
  if (words.length === 1 && ['a', 'y'].includes(fold(words[0]))) return { familyName: '', middleName: words[0], certain: true };
  const first = fold(words[0]);
  return {
    familyName: words[0],
    middleName: words.slice(1).join(' '),
    certain: KINH_FAMILY.has(first) || JRAI_ONE.has(first),
  };
}

export function splitFullName(full: string): SplitName {
  const words = full.split(' ').filter(Boolean);
  if (words.length <= 1) return { familyName: '', middleName: '', givenName: words[0] ?? '', certain: false };
  const givenName = words[words.length - 1];
  const fm = splitFamilyMiddle(words.slice(0, -1).join(' '));
  return { ...fm, givenName, certain: fm.certain && words.length <= 5 };
}
