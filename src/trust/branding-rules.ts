// What of a backend's branding the widget may put on the page (profile §26.1). The branding is a server
// string: a logo that loads from anywhere would let a backend make the form fetch a tracker, and a link
// that is not https could be read or changed on the way.

/** Raster images only: an SVG in a `data:` URL is a document of its own. */
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif)[;,]/i;

/** A logo the page may show: a `data:image/…` URL of a raster type, or an image on the page's own origin. */
export function safeLogo(uri: string | undefined, origin: string): string | undefined {
  if (!uri) return undefined;
  if (DATA_IMAGE.test(uri)) return uri;
  return sameOrigin(uri, origin) ? uri : undefined;
}

/** A policy or terms link the page may show: https, or on the page's own origin. */
export function safeLink(uri: string | undefined, origin: string): string | undefined {
  if (!uri) return undefined;
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.origin === origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function sameOrigin(uri: string, origin: string): boolean {
  try {
    return new URL(uri).origin === origin;
  } catch {
    return false;
  }
}
