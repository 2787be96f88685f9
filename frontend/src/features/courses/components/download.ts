import { errorFromBody } from '../../../lib/api-client';
import { getCurrentLang } from '../../../lib/i18n';

function fileName(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/** Downloads a file of the API (same-origin cookie) and saves it under the server's file name. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, {
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
  const blob = typeof response.blob === 'function' ? await response.blob() : new Blob([await response.text()]);
  const name = fileName(response.headers.get('Content-Disposition'), fallbackName);
  if (typeof URL.createObjectURL !== 'function') return; // jsdom
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
