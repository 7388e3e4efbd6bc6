/**
 * The trust walk shared by nginx's realip module, proxy-addr and the model's
 * ingress hop: start at the TCP peer, and while the current address is
 * trusted, step one entry leftwards in the forwarding list.
 */

/** Why the walk stopped where it did. */
export type WalkEnd =
  | 'no-entries' // the header is absent or empty: the peer stands
  | 'untrusted' // the current address is not trusted: it is the client
  | 'not-recursive' // one step only (real_ip_recursive off): the rightmost entry
  | 'exhausted' // every address was trusted: the leftmost entry
  | 'malformed'; // an entry is not an address: the last valid one stands

/** One address whose trust the walk checked, with the reason it was trusted (null: not trusted). */
export interface WalkVisit<T> {
  item: T;
  position: number; // 0 is the peer, 1 the rightmost entry, and so on leftwards
  trustedBecause: string | null;
}

/** The walk's answer: the client, the addresses visited, why it ended, and any malformed entry met. */
export interface WalkResult<T> {
  client: T;
  visits: WalkVisit<T>[];
  end: WalkEnd;
  malformed?: T;
}

/** How to walk: which addresses to trust, whether to go on past the first step, and which entries are addresses. */
export interface WalkRules<T> {
  trustedBecause(item: T, position: number): string | null;
  recursive: boolean;
  isAddress(item: T): boolean;
}

/**
 * Walks from the peer leftwards through `entries` (left to right, as in the header).
 * Time is linear in the entries visited; it never visits more than it needs.
 */
export function walkForwarded<T>(peer: T, entries: readonly T[], rules: WalkRules<T>): WalkResult<T> {
  const visits: WalkVisit<T>[] = [];
  let client = peer;
  let position = 0;
  let index = entries.length - 1;
  for (;;) {
    const trustedBecause = rules.trustedBecause(client, position);
    visits.push({ item: client, position, trustedBecause });
    if (trustedBecause === null) return { client, visits, end: 'untrusted' };
    if (index < 0) return { client, visits, end: position === 0 ? 'no-entries' : 'exhausted' };
    const next = entries[index]!;
    if (!rules.isAddress(next)) return { client, visits, end: 'malformed', malformed: next };
    client = next;
    position++;
    index--;
    if (!rules.recursive) return { client, visits, end: 'not-recursive' };
  }
}
