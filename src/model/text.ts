/** Helpers for echoing untrusted text back in messages, safely and briefly. */

const MAX_ECHO = 48;

/**
 * Quotes untrusted text for a message: control characters escaped, long text
 * cut to a short prefix, so a 1 MB paste or a stray escape code stays harmless.
 */
export function quote(text: string): string {
  const head = text.length > MAX_ECHO ? text.slice(0, MAX_ECHO) : text;
  // eslint-disable-next-line no-control-regex
  const escaped = head.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `“${escaped}${text.length > MAX_ECHO ? `…” (${text.length} characters)` : '”'}`;
}
