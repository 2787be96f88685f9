import { useMutation } from '@tanstack/react-query';
import { buildUrl, errorFromBody } from '../../../lib/api-client';
import { fileNameFromDisposition, saveBlob } from '../../../lib/download';
import { getCurrentLang } from '../../../lib/i18n';
import type { ExportFormat } from '../types';

export type ExportBankInput = { bankId: string; format: ExportFormat; categoryId?: string };
export type ExportResult = { fileName: string; /** questions the format cannot hold (X-Skipped-Questions) */ skipped: number };

const EXTENSION: Record<ExportFormat, string> = { gift: 'gift.txt', moodlexml: 'xml', xlsx: 'xlsx' };

/** GET /question-banks/:id/export?format=&categoryId= (the category and its subcategories; default the whole bank). */
export function exportUrl({ bankId, format, categoryId }: ExportBankInput): string {
  return buildUrl(`/question-banks/${encodeURIComponent(bankId)}/export`, { format, categoryId });
}

/** Fetches the export (audited on the server) and saves it under the server's file name. */
export async function exportBank(input: ExportBankInput): Promise<ExportResult> {
  const response = await fetch(exportUrl(input), {
    credentials: 'same-origin',
    headers: { 'Accept-Language': getCurrentLang() },
  });
  if (!response.ok) {
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    throw errorFromBody(response.status, body, response.headers.get('Retry-After'));
  }
  const fileName = fileNameFromDisposition(response.headers.get('Content-Disposition'), `cau-hoi.${EXTENSION[input.format]}`);
  const skipped = Number(response.headers.get('X-Skipped-Questions') ?? 0) || 0;
  const blob = typeof response.blob === 'function' ? await response.blob() : new Blob([await response.text()]);
  saveBlob(blob, fileName);
  return { fileName, skipped };
}

export const useExportBank = () => useMutation({ mutationFn: exportBank });
