/** Header lines carried by a model request, with a role on every address. */
import type { HeaderLine } from './hops.ts';
import type { Address } from './roles.ts';

/** The standard forwarding header. */
export const X_FORWARDED_FOR = 'X-Forwarded-For';

/** nginx's single-address header. */
export const X_REAL_IP = 'X-Real-IP';

/** Where ingress-nginx passes on the X-Forwarded-For it received. */
export const X_ORIGINAL_FORWARDED_FOR = 'X-Original-Forwarded-For';

/** Every address of the named header, all lines in order, as one list; null when no line carries the header. */
export function headerValues(headers: readonly HeaderLine[], name: string): Address[] | null {
  const lines = headers.filter((line) => line.name.toLowerCase() === name.toLowerCase());
  return lines.length === 0 ? null : lines.flatMap((line) => line.values);
}

/** The header lines with one more line appended, as HAProxy's `option forwardfor` adds a line of its own. */
export function appendLine(headers: readonly HeaderLine[], name: string, values: Address[]): HeaderLine[] {
  return [...headers, { name, values }];
}

/** The header lines with every line of `name` replaced by one line (none when `values` is empty), as nginx's `proxy_set_header` does. */
export function setHeader(headers: readonly HeaderLine[], name: string, values: Address[]): HeaderLine[] {
  const others = headers.filter((line) => line.name.toLowerCase() !== name.toLowerCase());
  return values.length === 0 ? others : [...others, { name, values }];
}

/** One header entry as a proxy writes it: the address, or `address:port` (`[address]:port` for IPv6) where it adds a port. */
export function headerEntryText(value: Address): string {
  if (value.port === undefined) return value.ip;
  return value.ip.includes(':') ? `[${value.ip}]:${value.port}` : `${value.ip}:${value.port}`;
}

/** Renders addresses as a header value. */
export function formatValues(values: readonly Address[]): string {
  return values.map(headerEntryText).join(', ');
}
