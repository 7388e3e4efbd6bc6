/** The "copy link" control the widgets share: copies a state's link, or shows it to copy by hand. */
export async function copyLink(link: string, status: HTMLElement | null): Promise<void> {
  try {
    await navigator.clipboard.writeText(link);
    if (status) status.textContent = 'Link copied.';
  } catch {
    if (status) status.textContent = `Copy this link: ${link}`;
  }
}

/** Replaces the page's query string without adding a history entry, keeping the heading anchor. */
export function replaceQuery(query: URLSearchParams): void {
  const url = new URL(location.href);
  url.search = query.toString();
  history.replaceState(history.state, '', url);
}
