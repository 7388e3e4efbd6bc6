/** What the resolver widget shows for a state, as plain data: one function for the server render and the browser update. */
import { resolveClientIp } from '../model/index.ts';
import type { ResolveInputName } from '../model/index.ts';
import { toResolveInput, type ResolverState } from './resolver-state.ts';

/** Steps shown at each end of a long walk. */
const STEPS_SHOWN = 6;

/** The resolver's answer for a state, ready to show. */
export interface ResolverView {
  clientIp: { value: string; text: string };
  steps: string[];
  warnings: string[];
  messages: Record<ResolveInputName, string[]>;
}

/** Resolves a state and shapes the answer: long step lists keep their first and last few, and say how many were skipped. */
export function resolverView(state: ResolverState): ResolverView {
  const { input, notices, unreadable } = toResolveInput(state);
  // An input the model cannot be asked about (an empty trust proxy box) gets no answer, and its message.
  const result = unreadable ? { clientIp: null, steps: [], warnings: [unreadable.message], issues: [unreadable] } : resolveClientIp(input);
  const messages: Record<ResolveInputName, string[]> = {
    remoteAddr: [],
    headers: [...notices],
    trusted: [],
    hops: [],
    strategy: [],
    trust: [],
    header: [],
    proxyProtocol: [],
  };
  for (const issue of result.issues) messages[issue.input].push(issue.message);
  const steps =
    result.steps.length <= STEPS_SHOWN * 2
      ? result.steps
      : [
          ...result.steps.slice(0, STEPS_SHOWN),
          `… ${result.steps.length - STEPS_SHOWN * 2} steps skipped …`,
          ...result.steps.slice(-STEPS_SHOWN),
        ];
  return {
    clientIp:
      result.clientIp === null ? { value: '', text: 'none: no address can be trusted' } : { value: result.clientIp, text: result.clientIp },
    steps,
    warnings: [...notices, ...result.warnings],
    messages,
  };
}
