/**
 * Diacritic-insensitive folding for Vietnamese search (docs/domain.md §4.3):
 * NFC -> NFD -> strip combining marks U+0300-U+036F -> đ/Đ -> d -> lowercase.
 * Đ does not decompose under NFD, so it is mapped explicitly.
 */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query occurs (folded) in one of the candidate texts. */
export function foldMatch(query: string, ...candidates: (string | null | undefined)[]): boolean {
  const q = fold(query);
  if (!q) return true;
  return candidates.some((c) => c != null && fold(c).includes(q));
}
