import { useMemo } from 'react';
import { create } from 'qrcode';

/**
 * A QR code drawn as one SVG path (crisp at any projector size, no canvas, no data URL), with a text label
 * for screen readers. Error correction M: still readable from the back of a hall with some glare.
 */
export function QrCode({ text, label, size = 320 }: { text: string; label: string; size?: number | string }) {
  const { d, n } = useMemo(() => {
    const qr = create(text, { errorCorrectionLevel: 'M' });
    const { size: count, data } = qr.modules;
    let path = '';
    for (let y = 0; y < count; y++) {
      for (let x = 0; x < count; x++) {
        if (data[y * count + x]) path += `M${x + 4} ${y + 4}h1v1h-1z`;
      }
    }
    return { d: path, n: count + 8 };
  }, [text]);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${n} ${n}`} width={size} height={size} shapeRendering="crispEdges" style={{ display: 'block', maxWidth: '100%', height: 'auto' }}>
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
