/**
 * The markup fix behind NamedByContent.astro, as a pure function so that a
 * unit test can hold it to Starlight's markup. It fails loudly: if Starlight's
 * search button no longer looks as expected, the build stops with a message
 * rather than shipping the button unfixed (or named twice).
 */

const OPEN_BUTTON = /<button\b([^>]*\bdata-open-modal\b[^>]*)>([\s\S]*?)<\/button>/;
const ARIA_LABEL = /\saria-label="([^"]*)"/;
const FIRST_KBD = /<kbd\b/;

/**
 * Moves the search button's name from its aria-label into a visually hidden
 * span (Starlight's .sr-only) and hides the shortcut keys from screen readers.
 * Throws when the button, its aria-label or its shortcut is missing.
 */
export function nameSearchButtonByContent(html: string): string {
  const button = OPEN_BUTTON.exec(html);
  if (!button) throw new Error(markupChanged('no <button data-open-modal> in the rendered search'));
  const attributes = button[1]!;
  const inner = button[2]!;
  const label = ARIA_LABEL.exec(attributes)?.[1];
  if (label === undefined) throw new Error(markupChanged('the search button has no aria-label to move into its content'));
  if (!FIRST_KBD.test(inner)) throw new Error(markupChanged('the search button shows no <kbd> shortcut to hide'));
  const withoutLabel = attributes.replace(ARIA_LABEL, '');
  const quietShortcut = inner.replace(FIRST_KBD, '<kbd aria-hidden="true"');
  return html.replace(OPEN_BUTTON, () => `<button${withoutLabel}><span class="sr-only">${label}</span>${quietShortcut}</button>`);
}

/** The error text: what was not found, and where to look. */
function markupChanged(what: string): string {
  return `NamedByContent.astro: ${what}. Starlight's Search.astro markup has changed; update src/components/overrides/name-by-content.ts or drop the override.`;
}
