/**
 * When a widget's code starts, for every widget on a page: the one small script a widget page runs up front
 * (WidgetChrome.astro runs startWidgets once per page; it has no imports, so Astro inlines it into the page). The server
 * has already rendered the default state, so a page needs no widget code until a reader reaches for a control: the code
 * loads on the first sign of that (a pointer over the widget, focus in it, a tap, a key). A page opened with a link's
 * state needs the code to show that state, so it starts as soon as the widget scrolls into view. What a reader changed
 * or pressed before the code arrived takes effect once it has.
 */
import widgetCodeUrls from 'virtual:widget-code';

/** The events that show a reader is about to use a widget. */
const INTENT_EVENTS = ['pointerover', 'pointerdown', 'touchstart', 'focusin', 'keydown', 'click'];

/**
 * Loads one widget's code on a reader's first interaction with one of its elements, or (`whenVisible`) once one is in
 * view. A control changed before the code arrived needs nothing: a widget reads its form when it starts (unless the
 * page was opened with a link's state). A button pressed before is pressed again once the code listens.
 */
function startWhenWanted(tag: string, url: string, whenVisible: boolean): void {
  const elements = [...document.querySelectorAll<HTMLElement>(tag)];
  if (elements.length === 0) return;
  const pressed: HTMLButtonElement[] = [];
  const remember = (event: Event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (button) pressed.push(button);
  };
  const listen = (types: string[], listener: EventListener, on: boolean) => {
    for (const element of elements) for (const type of types) element[on ? 'addEventListener' : 'removeEventListener'](type, listener);
  };
  let observer: IntersectionObserver | undefined;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    listen(INTENT_EVENTS, start, false);
    void import(/* @vite-ignore */ url)
      .then(() => customElements.whenDefined(tag))
      .then(() => {
        listen(['click'], remember, false);
        pressed.splice(0).forEach((button) => button.click());
      });
  };
  listen(['click'], remember, true);
  listen(INTENT_EVENTS, start, true);
  if (!whenVisible) return;
  observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) start();
  });
  elements.forEach((element) => observer!.observe(element));
}

/** Prepares every widget on the page to start when wanted. */
export function startWidgets(): void {
  // A link's state needs the widget's code to be shown; the default state is already on the page until a reader reaches for a control.
  const linked = location.search !== '';
  // The address bar carries the full, explicit state from the start (every field, then v=1): a widget page opened
  // without one shows the default state, whose canonical query the server rendered into the widget, so it goes in now;
  // a link's own state is canonicalised when the widget's code arrives. (What widgets/chrome.ts's replaceQuery does,
  // written out so that this script stays small.)
  const tags = Object.keys(widgetCodeUrls);
  const withQuery = document.querySelector<HTMLElement>(tags.map((tag) => `${tag}[data-query]`).join());
  if (withQuery && !linked) {
    const url = new URL(location.href);
    url.search = withQuery.dataset.query ?? '';
    history.replaceState(history.state, '', url);
  }
  for (const [tag, url] of Object.entries(widgetCodeUrls)) startWhenWanted(tag, url, linked);
}
