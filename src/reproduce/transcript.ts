/**
 * Reading what a reader pasted back: the lines the recipe's command printed (`clientip: …`, `header?key=…: …`), and
 * whether they match a state's expected transcript. Any text is accepted as input and none of it is ever treated as
 * markup: the result is plain data with messages, for the view to escape.
 */
import { parseIp } from '../model/ip.ts';
import type { Role } from '../model/index.ts';
import {
  answerText,
  echoPaths,
  type EchoPath,
  type ExpectedAnswer,
  type ExpectedLine,
  type ExpectedPart,
  rolePlaceholders,
} from './echo-server.ts';

/** The longest paste read: the transcript is three short lines, so anything far longer is not one. */
export const MAX_PASTE_CHARS = 20_000;

/** What one request printed: netexec's answer text, or the exit code of curl's error line. */
export type PastedAnswer = { kind: 'answer'; text: string } | { kind: 'failure'; curlExit: number };

/** A pasted transcript, read: the answer to each request found, and messages about the rest. */
export interface PastedTranscript {
  answers: Partial<Record<EchoPath, PastedAnswer>>;
  messages: string[];
}

/** Why a paste could not be read at all. */
export interface PasteProblem {
  problem: string;
}

/** The label of a line, matched without regard to case (a reader may retype it). */
const lineLabel = new RegExp(`^(${echoPaths.map((path) => path.replace(/[?]/g, '\\?')).join('|')}):(.*)$`, 'i');

/** Reads a paste. Empty, oversized or unrecognisable text is a problem with a message, never an exception. */
export function parseTranscript(text: string): PastedTranscript | PasteProblem {
  if (text.trim() === '') return { problem: 'Nothing pasted yet: run the command above and paste the lines it printed.' };
  if (text.length > MAX_PASTE_CHARS)
    return {
      problem: `That is ${text.length.toLocaleString('en')} characters; the command prints three short lines. Paste only those lines (at most ${MAX_PASTE_CHARS.toLocaleString('en')} characters).`,
    };
  const answers: PastedTranscript['answers'] = {};
  const messages: string[] = [];
  let other = 0;
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (line === '') continue;
    const match = lineLabel.exec(line);
    if (!match) {
      other++;
      continue;
    }
    const path = echoPaths.find((p) => p.toLowerCase() === match[1]!.toLowerCase())!;
    if (answers[path]) {
      messages.push(`“${path}” appears more than once; the first one is read.`);
      continue;
    }
    const value = match[2]!.trim();
    const curl = /^curl: \((\d+)\)/.exec(value);
    answers[path] = curl ? { kind: 'failure', curlExit: Number(curl[1]) } : { kind: 'answer', text: value };
  }
  const found = echoPaths.filter((path) => answers[path]);
  if (found.length === 0)
    return {
      problem:
        'No line starts with “clientip:” or “header?key=…:”, so this is not what the command prints. Paste the lines it printed, labels included (another echo server’s output cannot be compared).',
    };
  const missing = echoPaths.filter((path) => !answers[path]);
  if (missing.length)
    messages.push(`Missing: ${missing.map((path) => `“${path}:”`).join(', ')}; compared without ${missing.length === 1 ? 'it' : 'them'}.`);
  if (other) messages.push(`${other} other line${other === 1 ? '' : 's'} ignored.`);
  return { answers, messages };
}

/** How one line compared. */
export interface LineComparison {
  path: EchoPath;
  expected: string;
  got: string | null;
  matches: boolean;
  /** Why it does not match, in a sentence; empty when it does. */
  why: string;
}

/** The whole comparison: every line, the addresses each placeholder stood for, and the verdict. */
export interface TranscriptComparison {
  lines: LineComparison[];
  /** The reader's address for each role, as their paste gave it. */
  addresses: Partial<Record<Role, string>>;
  matches: boolean;
}

/** A pasted answer as text. */
function pastedText(answer: PastedAnswer): string {
  return answer.kind === 'failure' ? `curl: (${answer.curlExit}) …` : answer.text;
}

/** Escapes text for a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for an expected answer: literal text, an address (any run without spaces or commas), a port. */
function answerPattern(parts: readonly ExpectedPart[]): RegExp {
  const body = parts.map((part) =>
    'text' in part ? literal(part.text) : 'role' in part ? '(\\[[0-9a-fA-F:.]+\\]|[^\\s,\\[\\]]+?)' : '\\d{1,5}',
  );
  return new RegExp(`^${body.join('')}$`);
}

/** The address in a capture, without IPv6 brackets; null when it is no IP address. */
function captured(text: string): string | null {
  const ip = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return parseIp(ip).ok ? ip : null;
}

/**
 * Why one pasted answer differs from the expected one, or '' when it matches, binding the placeholders it meets in
 * `addresses` (the same placeholder must be the same address everywhere, two placeholders two addresses).
 */
function lineDifference(expected: ExpectedAnswer, got: PastedAnswer, addresses: Partial<Record<Role, string>>): string {
  if (expected.kind === 'failure') {
    if (got.kind === 'answer') return `The app answered; in this state the request should fail (curl exit ${expected.curlExit}).`;
    return got.curlExit === expected.curlExit ? '' : `curl exited ${got.curlExit}; this state makes it exit ${expected.curlExit}.`;
  }
  if (got.kind === 'failure') return `curl failed (exit ${got.curlExit}); in this state the app answers.`;
  const match = answerPattern(expected.parts).exec(got.text);
  if (!match)
    return expected.parts.length === 0
      ? 'The app received this header; in this state it receives none.'
      : 'Not the shape this state gives.';
  // Every placeholder of the line is read (and bound where it can be), even after one differs; the first difference is said.
  const roles = expected.parts.flatMap((part) => ('role' in part ? [part.role] : []));
  const differences = roles.map((role, i) => {
    const ip = captured(match[i + 1]!);
    if (!ip) return `“${match[i + 1]}” is not an IP address.`;
    const known = addresses[role];
    if (known !== undefined && known !== ip) return `${rolePlaceholders[role]} was ${known} on an earlier line, ${ip} here.`;
    const other = (Object.keys(addresses) as Role[]).find((r) => r !== role && addresses[r] === ip);
    if (other)
      return `${ip} stands for both ${rolePlaceholders[other]} and ${rolePlaceholders[role]}; this state has two different addresses there.`;
    addresses[role] = ip;
    return '';
  });
  return differences.find((why) => why !== '') ?? '';
}

/** Why nothing pasted can match a state without a transcript. */
const NO_TRANSCRIPT = 'netexec cannot show this state: a PROXY header reaches the app.';

/**
 * Compares a pasted transcript with the expected one (null for a state netexec cannot show: then every pasted line
 * differs). A placeholder matches any IP address, but the same placeholder must be the same address everywhere, and
 * two different placeholders two different addresses (two roles at one address is another state). Lines the paste
 * lacks are left out of the verdict; a paste with none of them never matches.
 */
export function compareTranscript(expected: readonly ExpectedLine[] | null, pasted: PastedTranscript): TranscriptComparison {
  const addresses: Partial<Record<Role, string>> = {};
  const lines: LineComparison[] = [];
  if (!expected) {
    for (const path of echoPaths) {
      const got = pasted.answers[path];
      if (got) lines.push({ path, expected: '(none)', got: pastedText(got), matches: false, why: NO_TRANSCRIPT });
    }
    return { lines, addresses, matches: false };
  }
  for (const line of expected) {
    const got = pasted.answers[line.path];
    const why = got ? lineDifference(line.answer, got, addresses) : '';
    lines.push({ path: line.path, expected: answerText(line.answer), got: got ? pastedText(got) : null, matches: why === '', why });
  }
  const compared = lines.filter((line) => line.got !== null);
  return { lines, addresses, matches: compared.length > 0 && compared.every((line) => line.matches) };
}

/**
 * What the diagnose page needs from a pasted transcript: the app's TCP peer, the two headers as lists ("none" when
 * the app received none), and no PROXY source. Ports are dropped: diagnose reads addresses. Null when the paste has no
 * `clientip` answer.
 */
export function diagnoseFieldsOf(
  pasted: PastedTranscript,
): { remoteAddr: string; xForwardedFor: string; xRealIp: string; proxyProtocol: 'none' } | null {
  const peer = pasted.answers.clientip;
  if (peer?.kind !== 'answer') return null;
  const withoutPort = (entry: string) =>
    entry
      .trim()
      .replace(/^\[([^\]]+)\](?::\d+)?$/, '$1')
      .replace(/^([^:]+):\d+$/, '$1');
  const list = (answer: PastedAnswer | undefined) =>
    answer?.kind === 'answer' && answer.text !== '' ? answer.text.split(',').map(withoutPort).join(', ') : 'none';
  return {
    remoteAddr: withoutPort(peer.text),
    xForwardedFor: list(pasted.answers['header?key=X-Forwarded-For']),
    xRealIp: list(pasted.answers['header?key=X-Real-IP']),
    // netexec reads plain HTTP: whatever it answered, no PROXY header reached it.
    proxyProtocol: 'none',
  };
}
