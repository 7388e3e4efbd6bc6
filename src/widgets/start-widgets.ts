/**
 * When a widget's code starts, for every widget on a page: the one small script a widget page loads up front
 * (WidgetChrome.astro runs startWidgets once per page). The server has already rendered the default state, so a page needs no widget code until a
 * reader reaches for a control: the code loads on the first sign of that (a pointer over the widget, focus in it, a tap,
 * a key). A page opened with a link's state needs the code to show that state, so it starts as soon as the widget
 * scrolls into view. What a reader changed or pressed before the code arrived is replayed once it has.
 */

/** The events that show a reader is about to use a widget. */
const INTENT_EVENTS = ['pointerover', 'pointerdown', 'touchstart', 'focusin', 'keydown', 'click'] as const;

/** A form control's value or a button's press, made before the widget's code arrived. */
type Early =
  | { control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement; type: string; value: string; checked: boolean }
  | { button: HTMLButtonElement };

/** Re-applies an early change or press, so that the widget, now listening, sees it as if it had just happened. */
function replay(early: Early): void {
  if ('button' in early) {
    early.button.click();
    return;
  }
  const { control } = early;
  if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) control.checked = early.checked;
  else control.value = early.value;
  control.dispatchEvent(new Event(early.type, { bubbles: true }));
}

/**
 * Loads a widget's code on a reader's first interaction with one of the elements matching `selector`; with
 * `startWhenVisible` (a page opened with a link's state), also as soon as one scrolls into view.
 */
function hydrateWhenWanted(selector: string, load: () => Promise<unknown>, options: { startWhenVisible: boolean }): void {
  const elements = [...document.querySelectorAll<HTMLElement>(selector)];
  if (elements.length === 0) return;
  const early: Early[] = [];
  // The latest value of each control and every button press, in order, until the code is listening.
  const remember = (event: Event) => {
    const target = event.target;
    if (event.type === 'click') {
      const button = target instanceof Element ? target.closest('button') : null;
      if (button) early.push({ button });
      return;
    }
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) {
      const at = early.findIndex((e) => 'control' in e && e.control === target && e.type === event.type);
      if (at >= 0) early.splice(at, 1);
      early.push({ control: target, type: event.type, value: target.value, checked: 'checked' in target ? target.checked : false });
    }
  };
  for (const element of elements) for (const type of ['input', 'change', 'click']) element.addEventListener(type, remember);

  let observer: IntersectionObserver | undefined;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    for (const element of elements) for (const type of INTENT_EVENTS) element.removeEventListener(type, start);
    void load()
      .then(() => customElements.whenDefined(elements[0]!.localName))
      .then(() => {
        for (const element of elements) for (const type of ['input', 'change', 'click']) element.removeEventListener(type, remember);
        early.splice(0).forEach(replay);
      });
  };
  for (const element of elements) for (const type of INTENT_EVENTS) element.addEventListener(type, start, { passive: true });
  if (!options.startWhenVisible) return;
  if (!('IntersectionObserver' in window)) {
    start();
    return;
  }
  observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) start();
  });
  elements.forEach((element) => observer!.observe(element));
}

/** Each widget's element and the code that makes it live, loaded only when wanted. */
const widgetCode: Record<string, () => Promise<unknown>> = {
  'scenario-widget': () => import('./scenario-widget.ts'),
  'resolver-widget': () => import('./resolver-widget.ts'),
  'diagnose-widget': () => import('./diagnose-widget.ts'),
  'migration-widget': () => import('./migration-widget.ts'),
};

/** Prepares every widget on the page to start when wanted. */
export function startWidgets(): void {
  // A link's state needs the widget's code to be shown; the default state is already on the page until a reader reaches for a control.
  const linked = location.search !== '';
  // The address bar carries the full, explicit state from the start (every field, then v=1): a widget page opened
  // without one shows the default state, whose canonical query the server rendered into the widget, so it goes in now;
  // a link's own state is canonicalised when the widget's code arrives. (What widgets/chrome.ts's replaceQuery does,
  // written out so that this script stays small.)
  const withQuery = document.querySelector<HTMLElement>(
    Object.keys(widgetCode)
      .map((tag) => `${tag}[data-query]`)
      .join(', '),
  );
  if (withQuery && !linked) {
    const url = new URL(location.href);
    url.search = withQuery.dataset.query ?? '';
    history.replaceState(history.state, '', url);
  }
  for (const [selector, load] of Object.entries(widgetCode)) hydrateWhenWanted(selector, load, { startWhenVisible: linked });
}
