/**
 * The page's "Reproduce it" command, run by the lab. The lab takes the loop the page prints for a state (from the
 * recipe, never rebuilt here), points it at the lab's address for the same target, and compares what netexec printed
 * with the page's expected transcript, the same text on both sides but for the substitutions below, each of which
 * the evidence records:
 * - the target: the page's placeholder URL becomes the lab's URL for that state;
 * - the forged entry: the page's documentation address becomes the lab's (198.18.0.0/15 only), and back in the output;
 * - the time limit: `-m 5` becomes `-m 2`, so the few cases that must time out do not slow the run (the exit code,
 *   28, is the same);
 * - addresses: the page's placeholders become the lab's addresses for the same roles (lab/plan.ts's `toLab`);
 * - the peer's port and curl's error wording become `<port>` and `…`, as on the page, and the blank line after a
 *   failing request goes (curl ends its error line with a newline, and the loop's `echo` adds another).
 * Plain data in and out.
 */
import { PORT_PLACEHOLDER, transcriptText, type ExpectedLine } from '../src/reproduce/echo-server.ts';
import type { PodNetwork } from '../src/model/addresses.ts';
import { plan } from '../src/model/addresses.ts';
import { trace } from '../src/model/index.ts';
import { recipeFor } from '../src/reproduce/recipe.ts';
import { diagnoseFieldsOf, parseTranscript } from '../src/reproduce/transcript.ts';
import type { Check } from './cases.ts';
import { lab, toLab } from './plan.ts';

/** The lab's time limit for each request of the loop, in seconds. */
export const LAB_MAX_SECONDS = 2;

/** The page's loop, out of the recipe's command (which may wrap it in `kubectl exec … sh -c '…'`). */
export function loopOf(recipeCommand: string): string {
  const loop = /for p in .*?; done/.exec(recipeCommand)?.[0];
  if (!loop) throw new Error(`no transcript loop in the recipe's command: ${recipeCommand}`);
  return loop;
}

/** The page's loop with the lab's target, forged entry and time limit; throws if a substitution finds nothing. */
export function labLoop(recipeCommand: string, labBase: string): string {
  const loop = loopOf(recipeCommand);
  const target = /"http:\/\/[^"]*\/\$p"/;
  if (!target.test(loop) || !loop.includes(' -m 5 ')) throw new Error(`the page's loop changed shape: ${loop}`);
  return loop
    .replace(target, `"${labBase}/$p"`)
    .replace(' -m 5 ', ` -m ${LAB_MAX_SECONDS} `)
    .replaceAll(`X-Forwarded-For: ${plan.spoofed}`, `X-Forwarded-For: ${lab.spoofed}`);
}

/**
 * What the loop printed, in the page's terms: the forged entry as the page writes it, the peer's port as `<port>`,
 * curl's error line cut after its exit code, trailing spaces dropped.
 */
export function normalizeLabTranscript(output: string): string {
  return output
    .trimEnd()
    .split('\n')
    .filter((line, i, lines) => !(line === '' && lines[i - 1]?.includes('curl: (')))
    .map((line) =>
      line
        .replace(/^(clientip: \S+):\d+$/, `$1:${PORT_PLACEHOLDER}`)
        .replace(/(curl: \(\d+\)) .*$/, '$1 …')
        .replaceAll(lab.spoofed, plan.spoofed)
        .trimEnd(),
    )
    .join('\n');
}

/** The page's expected transcript with the lab's address for each placeholder. */
export function expectedLabTranscript(lines: readonly ExpectedLine[], podNetwork: PodNetwork): string {
  return transcriptText(lines, (part) => toLab(part.ip, podNetwork));
}

/**
 * The TCP peer netexec's `/clientip` line shows (without its port), or null where the line is not an answer: read as
 * the pages read a reader's paste (src/reproduce/transcript.ts).
 */
export function peerOfTranscript(output: string): string | null {
  const read = parseTranscript(output);
  return 'problem' in read ? null : (diagnoseFieldsOf(read)?.remoteAddr ?? null);
}

/** The transcript check of one lab case: the loop to run and the text it must print, in lab addresses. */
export interface TranscriptCheck {
  loop: string;
  expected: string;
}

/**
 * The transcript check of a case that runs a scenario state, or null where the page shows no transcript (a PROXY
 * header reaches the app, which netexec cannot read) or the case is not a state.
 */
export function transcriptCheck(check: Check, requestUrl: string): TranscriptCheck | null {
  if (check.kind !== 'trace') return null;
  const recipe = recipeFor(trace(check.scenario, check.params));
  if (!recipe.expected) return null;
  return {
    loop: labLoop(recipe.run.command, new URL(requestUrl).origin),
    expected: expectedLabTranscript(recipe.expected, (check.params.podNetwork ?? 'bridge') as PodNetwork),
  };
}
