/** A domain error with a code from the message table; the filter maps it to its HTTP status. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly params: Record<string, string | number> = {},
    public readonly fields?: Record<string, string | { vi: string; en: string }>,
    public readonly headers?: Record<string, string>,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'NOT_FOUND');
export const forbidden = () => new AppError(403, 'FORBIDDEN');
export const conflict = (code: string, field?: string) =>
  new AppError(409, code, {}, field ? { [field]: { vi: '', en: '' } } : undefined);

/** A 400 naming one field, with messages in both languages. */
export function fieldError(field: string, vi: string, en: string): AppError {
  return new AppError(400, 'VALIDATION_FAILED', {}, { [field]: { vi, en } });
}
