export type VideoSource = { kind: 'iframe' | 'video'; src: string };

/** Chooses how to embed a lesson video: YouTube/Vimeo and other pages in an iframe, media files in <video>. */
export function videoSource(url: string | null | undefined): VideoSource | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = u.hostname.replace(/^www\./, '').replace(/^m\./, '');
  if (host === 'youtu.be') {
    const id = u.pathname.slice(1).split('/')[0];
    return id ? { kind: 'iframe', src: `https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}` } : null;
  }
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const id = u.searchParams.get('v') ?? /^\/(?:embed|shorts|live)\/([^/?]+)/.exec(u.pathname)?.[1];
    if (id) return { kind: 'iframe', src: `https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}` };
  }
  if (host === 'vimeo.com') {
    const id = /^\/(\d+)/.exec(u.pathname)?.[1];
    if (id) return { kind: 'iframe', src: `https://player.vimeo.com/video/${id}` };
  }
  if (/\.(mp4|webm|ogg|ogv|m4v|mov)$/i.test(u.pathname)) return { kind: 'video', src: u.href };
  return { kind: 'iframe', src: u.href };
}
