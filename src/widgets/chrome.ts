/**
 * The DOM half of the plumbing the three widgets share, matching WidgetChrome.astro's markup (`[data-notices]`,
 * `[data-copy-link]`, `[data-copy-status]`, `[data-announce]`) and each form's `[data-message-for]` lists. The limits and
 * notice texts, which the views use too, are in src/views/chrome.ts.
 */
import { listItemsHtml } from '../views/html.ts';
import { noticesText, withQuery } from '../views/chrome.ts';

/**
 * How long typing must pause before a widget recomputes: one update per pause, not one per key. Long enough to skip
 * the keys of a word typed at speed, short enough that the answer seems to follow the typing.
 */
export const DEBOUNCE_MS = 150;

/** A function that runs `run` once typing has paused for DEBOUNCE_MS, however often it is called before. */
export function debounce(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  };
}

/** Shows a link's notices in the chrome's `[data-notices]` box, or hides the box when there are none. */
export function showNotices(root: ParentNode, notices: readonly string[], lead?: string): void {
  const box = root.querySelector<HTMLElement>('[data-notices]');
  if (!box) return;
  box.hidden = notices.length === 0;
  box.textContent = noticesText(notices, lead);
}

/** Shows an input's messages in its `[data-message-for]` list and marks the input invalid while it has any. */
export function showFieldMessages(root: ParentNode, field: string, messages: readonly string[]): void {
  const list = root.querySelector<HTMLElement>(`[data-message-for="${field}"]`);
  if (list) list.innerHTML = listItemsHtml(messages);
  root.querySelector(`[name="${field}"]`)?.setAttribute('aria-invalid', String(messages.length > 0));
}

/** Says a sentence in the chrome's live region, for screen readers. */
export function announce(root: ParentNode, text: string): void {
  const live = root.querySelector<HTMLElement>('[data-announce]');
  if (live) live.textContent = text;
}

/**
 * The state of the link the page was opened with, or null when the address bar holds only the default state the
 * server rendered into the widget (`data-query`, which start-widgets.ts puts there): then the widget's form is the
 * state, as the server rendered it or as the reader changed it before the widget's code arrived.
 */
export function linkQuery(widget: HTMLElement): URLSearchParams | null {
  const query = location.search.slice(1);
  return query === '' || query === widget.dataset.query ? null : new URLSearchParams(query);
}

/** Replaces the page's query string without adding a history entry, keeping the heading anchor. */
export function replaceQuery(query: URLSearchParams): void {
  history.replaceState(history.state, '', withQuery(location.href, query));
}

/** Copies a link, or shows it to copy by hand when the clipboard refuses. */
async function copyLink(link: string, status: HTMLElement | null): Promise<void> {
  try {
    await navigator.clipboard.writeText(link);
    if (status) status.textContent = 'Link copied.';
  } catch {
    if (status) status.textContent = `Copy this link: ${link}`;
  }
}

/** Makes the chrome's "copy link" button copy the page's address with the query of the state shown when it is clicked. */
export function wireCopyLink(root: ParentNode, currentQuery: () => URLSearchParams): void {
  root
    .querySelector('[data-copy-link]')
    ?.addEventListener(
      'click',
      () => void copyLink(withQuery(location.href, currentQuery()), root.querySelector<HTMLElement>('[data-copy-status]')),
    );
}
