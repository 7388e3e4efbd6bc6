/** The resolver's `trust proxy` box: text as a reader types it, read into the value Express's setting takes. */
import type { ExpressTrust } from '../model/index.ts';

/** The typed setting, or why the text is not one. */
export type ExpressTrustText = { ok: true; value: ExpressTrust } | { ok: false; message: string };

/**
 * Reads the box: `true` and `false` as booleans, digits as a hop count, anything
 * else as Express reads a string setting (split at commas, each entry trimmed),
 * so an entry Express refuses reaches the model and is answered as a refusal.
 */
export function parseExpressTrust(text: string): ExpressTrustText {
  const trimmed = text.trim();
  if (trimmed === '') {
    return {
      ok: false,
      message:
        'Write true, false, a number of hops, or a comma-separated list of addresses, ranges and names (loopback, linklocal, uniquelocal).',
    };
  }
  if (trimmed === 'true' || trimmed === 'false') return { ok: true, value: trimmed === 'true' };
  if (/^(true|false)$/i.test(trimmed))
    return {
      ok: false,
      message: `Write ${trimmed.toLowerCase()} in lower case: Express reads other spellings as an address and refuses them.`,
    };
  if (/^\d+$/.test(trimmed)) return { ok: true, value: Number(trimmed) };
  return { ok: true, value: trimmed.split(',').map((entry) => entry.trim()) };
}
