/** Loads the module that defines a tag; what it resolves to is not used. */
export type TagLoader = () => Promise<unknown>;

/**
 * Defines each tag of `loaders` the first time it is seen on the page, at load or however late: in the document
 * or in any open shadow root. One `MutationObserver` watches the document and every open shadow root it finds
 * (on an added element, or once a custom element's definition arrives and gives it one); closed shadow roots are
 * out of sight by design (import the element's own entry there). No built-in is patched.
 *
 * Each loader runs at most once while it succeeds; a tag some other copy of the script has defined is never
 * loaded again; a chunk that fails to load is quiet (no unhandled rejection) and is tried again when the tag is
 * next added. The observer disconnects once every tag is defined.
 */
export function defineOnSight(loaders: Readonly<Record<string, TagLoader>>): void {
  const pending = new Map(Object.entries(loaders).filter(([tag]) => !customElements.get(tag)));
  if (pending.size === 0) return;
  let loading = 0;
  const watched = new WeakSet<Node>();
  const awaited = new Set<string>();
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) scan(node);
  });

  const settle = () => {
    if (pending.size === 0 && loading === 0) observer.disconnect();
  };
  const load = (tag: string, loader: TagLoader) => {
    pending.delete(tag);
    if (customElements.get(tag)) return settle();
    loading++;
    loader()
      .catch(() => void pending.set(tag, loader))
      .finally(() => {
        loading--;
        settle();
      });
  };
  const watch = (root: Document | ShadowRoot) => {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, { childList: true, subtree: true });
  };
  /** A custom element not defined yet has no shadow root yet: look again once its definition arrives. */
  const awaitDefinition = (name: string) => {
    if (awaited.has(name)) return;
    awaited.add(name);
    void customElements.whenDefined(name).then(() => pending.size && scan(document));
  };
  const see = (element: Element) => {
    const loader = pending.get(element.localName);
    if (loader) load(element.localName, loader);
    if (element.shadowRoot) {
      watch(element.shadowRoot);
      scan(element.shadowRoot);
    } else if (element.localName.includes('-') && !customElements.get(element.localName)) {
      awaitDefinition(element.localName);
    }
  };
  function scan(root: Element | Document | ShadowRoot): void {
    if (root instanceof Element) see(root);
    for (const element of root.querySelectorAll('*')) see(element);
  }

  watch(document);
  scan(document);
}
