/**
 * X-Forwarded-For as Envoy holds and reads it (Envoy v1.39.0,
 * source/common/http/utility.cc getLastAddressFromXFF and
 * getLastNonTrustedAddressFromXFF; header_map_impl.cc). Envoy keeps the header
 * as one string: several received lines are joined with "," (empty lines add
 * nothing), and its own appends use "," too. The readers work on that string,
 * comma by comma, so empty entries count, unlike in the model's generic walk.
 */
import { headerLines, type HeaderInput } from '../forwarded-list.ts';
import { quote } from '../text.ts';
import { parseEnvoyAddress, type EnvoyAddress } from './address.ts';
import { findCidr, type CompiledCidr } from './cidr.ts';

/** What a reader found: the address (null: none), whether the header held exactly one entry so the address may decide "internal", and why. */
export interface XffReading {
  address: EnvoyAddress | null;
  allowTrustedAddressChecks: boolean;
  /** One sentence on how the reading went, for the steps. */
  note: string;
}

/** getLastNonTrustedAddressFromXFF refuses headers with more entries than this. */
export const MAX_XFF_ENTRIES_FOR_CIDRS = 20;

/** The whitespace StringUtil::ltrim/rtrim remove. */
const WHITESPACE = /^[ \t\f\v\n\r]+|[ \t\f\v\n\r]+$/g;

/** Trims as Envoy's StringUtil::trim does (space, tab, form feed, vertical tab, newline, carriage return). */
function envoyTrim(text: string): string {
  return text.replace(WHITESPACE, '');
}

/** The request's X-Forwarded-For as Envoy stores it: null when absent, else its lines joined with ",", empty lines adding nothing. */
export function joinedHeader(headers: HeaderInput | undefined, name: string): string | null {
  const lines = headerLines(headers, name);
  if (lines.length === 0) return null;
  return lines.filter((line) => line !== '').join(',');
}

/** Appends a value to a header as HeaderMapImpl::appendToHeader does: "," between, none when the header was empty or absent. */
export function appendToHeader(current: string | null, value: string): string {
  return current === null || current === '' ? value : `${current},${value}`;
}

/**
 * getLastAddressFromXFF: drop the last `skip` comma-separated entries, then
 * read the entry after the last remaining comma (trimmed) as an address. Too
 * few commas, a trailing comma or a non-address gives no address.
 */
export function lastAddressFromXff(xff: string | null, skip: number): XffReading {
  if (xff === null) return { address: null, allowTrustedAddressChecks: false, note: 'There is no X-Forwarded-For.' };
  let end = xff.length;
  for (let i = 0; i < skip; i++) {
    const comma = xff.lastIndexOf(',', end - 1);
    if (comma === -1 || end === 0) {
      return {
        address: null,
        allowTrustedAddressChecks: false,
        note: `X-Forwarded-For has fewer than ${skip + 1} comma-separated entries, so there is no entry ${skip + 1} from the right.`,
      };
    }
    end = comma;
  }
  const rest = xff.slice(0, end);
  const comma = rest.lastIndexOf(',');
  // After the last comma, unless that comma ends the string: then the whole rest is read, and fails.
  const candidate = comma !== -1 && comma + 1 < rest.length ? rest.slice(comma + 1) : rest;
  const entry = envoyTrim(candidate);
  const parsed = parseEnvoyAddress(entry);
  const position = skip === 0 ? 'The rightmost entry' : `Entry ${skip + 1} from the right`;
  if (!parsed.ok) {
    return {
      address: null,
      allowTrustedAddressChecks: false,
      note: `${position}, ${quote(entry)}, is not an address for Envoy (${parsed.reason}).`,
    };
  }
  return {
    address: parsed.address,
    allowTrustedAddressChecks: comma === -1 && skip === 0,
    note: `${position} is ${parsed.address.text}.`,
  };
}

/**
 * getLastNonTrustedAddressFromXFF: split on every comma; more than 20 entries
 * gives nothing; walk from the right, skipping trusted addresses; the first
 * untrusted one is the answer; an entry that is not an address ends the walk
 * with nothing; all trusted gives the leftmost.
 */
export function lastNonTrustedAddressFromXff(
  xff: string | null,
  trusted: readonly CompiledCidr[],
): XffReading & { walked: string[]; allTrusted: boolean } {
  const entries = (xff ?? '').split(',');
  const walked: string[] = [];
  if (entries.length > MAX_XFF_ENTRIES_FOR_CIDRS) {
    return {
      address: null,
      allowTrustedAddressChecks: false,
      walked,
      allTrusted: false,
      note: `X-Forwarded-For has ${entries.length} comma-separated entries; Envoy reads at most ${MAX_XFF_ENTRIES_FOR_CIDRS} and gives up.`,
    };
  }
  let lastValid: EnvoyAddress | null = null;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = envoyTrim(entries[i]!);
    const parsed = parseEnvoyAddress(entry);
    if (!parsed.ok) {
      const what =
        entry === '' ? (xff === null ? 'There is no X-Forwarded-For' : 'An empty entry') : `Entry ${quote(entry)} is not an address`;
      return {
        address: null,
        allowTrustedAddressChecks: false,
        walked,
        allTrusted: false,
        note: `${what}: the walk gives up and detects nothing.`,
      };
    }
    lastValid = parsed.address;
    const range = findCidr(trusted, parsed.address);
    if (range) {
      walked.push(`Entry ${parsed.address.text} is trusted (in ${range.text}).`);
      continue;
    }
    walked.push(`Entry ${parsed.address.text} is not trusted.`);
    return {
      address: parsed.address,
      allowTrustedAddressChecks: entries.length === 1,
      walked,
      allTrusted: false,
      note: `The first untrusted entry from the right is ${parsed.address.text}.`,
    };
  }
  return {
    address: lastValid,
    allowTrustedAddressChecks: entries.length === 1,
    walked,
    allTrusted: true,
    note: `Every entry is trusted, so the leftmost, ${lastValid!.text}, is taken.`,
  };
}
