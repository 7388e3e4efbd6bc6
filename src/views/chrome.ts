/**
 * The pure half of the widgets' shared plumbing (src/widgets/chrome.ts is the DOM half, WidgetChrome.astro the markup):
 * the input limits, as named constants that the views' link reading and the custom elements' form reading share, and
 * the texts of the notices a link can give.
 */
import { quote } from '../model/text.ts';
import { STATE_VERSION, STATE_VERSION_PARAM } from '../model/params.ts';

/** The most a widget reads from one form input: a paste of any size is cut to this, so the page stays responsive. */
export const MAX_INPUT_CHARS = 2_000_000;

/** The most a link carries of a list of addresses or ranges (the resolver's trusted ranges and trust proxy, every diagnose field). */
export const MAX_LIST_CHARS = 2000;

/** The most a link carries of one address (the resolver's remote address). */
export const MAX_ADDRESS_CHARS = 200;

/** The most header text a link carries (the resolver's pasted headers). */
export const MAX_HEADER_TEXT_CHARS = 4096;

/** The most a link carries of a hop count. */
export const MAX_HOPS_CHARS = 20;

/** The most a link carries of a header name (nginx's real_ip_header). */
export const MAX_HEADER_NAME_CHARS = 100;

/** The most of an entered address the diagnose table shows: enough for any IPv6 address with a zone. */
export const MAX_SHOWN_ADDRESS_CHARS = 60;

/** A link's value cut to `max` characters; a value that was cut adds a notice naming the parameter. */
export function cutLinkValue(name: string, value: string, max: number, notices: string[]): string {
  if (value.length <= max) return value;
  notices.push(`The link's ${name} is longer than ${max} characters and was cut.`);
  return value.slice(0, max);
}

/** The text of the notice box for a link's notices: empty when there are none, else `lead` and every notice. */
export function noticesText(notices: readonly string[], lead = ''): string {
  return notices.length ? `${lead}${notices.join(' ')}` : '';
}

/** The notice for a state format version this site does not know; null for the current version. */
export function versionNotice(version: string): string | null {
  return version === STATE_VERSION
    ? null
    : `State format ${STATE_VERSION_PARAM}=${quote(version)} is unknown; the link is read as version ${STATE_VERSION}.`;
}

/** The notice for a link parameter a widget does not read. */
export function unknownParameterNotice(name: string): string {
  return `Unknown parameter ${quote(name)} is ignored.`;
}

/** A URL with its query replaced and everything else (path, heading anchor) kept. */
export function withQuery(href: string, query: URLSearchParams): string {
  const url = new URL(href);
  url.search = query.toString();
  return url.toString();
}
