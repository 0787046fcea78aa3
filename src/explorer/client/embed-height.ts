/**
 * An embed tells the dashboard that frames it how tall it is, so the dashboard can size the iframe to
 * fit instead of guessing a height and showing a scroll bar. The message is posted only to the
 * parent's origin, and only when that origin may frame the embed: the server's own, or one of
 * FRAME_ANCESTORS, which the server writes into the meta element below.
 */

/** `event.data.type` of the message; `event.data.height` is the document's height in CSS pixels. */
export const EMBED_HEIGHT_MESSAGE = 'career-framework:embed-height';

/** The name of the meta element whose content lists the configured origins, space-separated. */
const ORIGINS_META = 'embed-parent-origins';

/**
 * Posts the document's height to the parent window now and whenever it changes, whether or not the
 * frame is on screen.
 */
export function postHeightToParent(): void {
  if (window.parent === window) return;
  const targets = targetOrigins();
  if (targets.length === 0) return;
  let last = -1;
  const post = (): void => {
    // the height of the content, not of the frame: scrollHeight would never let the frame shrink
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    for (const origin of targets) window.parent.postMessage({ type: EMBED_HEIGHT_MESSAGE, height }, origin);
  };
  new ResizeObserver(post).observe(document.documentElement);
  // Chromium renders an off-screen cross-origin frame only when it scrolls into view, and without a
  // rendering opportunity no ResizeObserver callback runs: an embed below the fold would keep the
  // height it had before its content arrived. Measuring forces layout, so these posts need no
  // rendering: whenever the DOM changes (a view rendered, a fold opened), once the images and
  // stylesheets are in, and once the web fonts are.
  new MutationObserver(post).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
  });
  window.addEventListener('load', post);
  void document.fonts.ready.then(post);
  post();
}

/**
 * Where to post: the parent's origin when it is allowed, nothing when it is not. When the browser does
 * not tell the parent's origin (no ancestorOrigins, no referrer), each allowed origin is named, and
 * the browser delivers the message only to the one the parent has, if any. Never '*'.
 */
function targetOrigins(): string[] {
  const own = window.location.origin;
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${ORIGINS_META}"]`);
  const configured = (meta?.content ?? '').split(/\s+/).filter(Boolean);
  const anyOrigin = configured.includes('*');
  const parent = parentOrigin();
  if (parent !== null) {
    const allowed = parent === own || configured.includes(parent) || (anyOrigin && parent !== 'null');
    return allowed ? [parent] : [];
  }
  return [own, ...configured.filter((o) => o !== '*' && o !== own)];
}

function parentOrigin(): string | null {
  // Chromium and Safari; Firefox has no ancestorOrigins
  const ancestors = window.location.ancestorOrigins as DOMStringList | undefined;
  const first = ancestors && ancestors.length > 0 ? ancestors.item(0) : null;
  if (first) return first;
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}
