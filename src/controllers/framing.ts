/** The parts of a window the framing check reads (a real `window` in the browser; a stand-in in tests). */
export interface FramingWindow {
  readonly self: unknown;
  readonly top: unknown;
  readonly location: { readonly origin: string; readonly ancestorOrigins?: { readonly length: number; [index: number]: string } };
}

/**
 * Whether this page is shown inside a frame of another origin, where a page could lay decoys over the
 * widget (clickjacking, reliability.md S31). Same-origin frames are the site's own. The ancestors' origins
 * come from `location.ancestorOrigins` where the browser has it; elsewhere a top window whose address this
 * page may not read is another origin's.
 */
export function framedByAnotherOrigin(win: FramingWindow = window): boolean {
  if (win.top === win.self) return false;
  const ancestors = win.location.ancestorOrigins;
  if (ancestors) {
    for (let index = 0; index < ancestors.length; index++) if (ancestors[index] !== win.location.origin) return true;
    return false;
  }
  try {
    return (win.top as { location: { origin: string } }).location.origin !== win.location.origin;
  } catch {
    return true;
  }
}
