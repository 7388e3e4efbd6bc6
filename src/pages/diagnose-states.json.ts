/**
 * /diagnose-states.json: every diagnosable state of the model, written at build time (src/model/diagnose-index.ts), so
 * the diagnose widget reads a file instead of tracing the whole scenario space in the reader's browser.
 */
import { definitions, diagnosableStates } from '../model/index.ts';
import { encodeDiagnoseIndex } from '../model/diagnose-index.ts';

export function GET(): Response {
  const index = encodeDiagnoseIndex(diagnosableStates(), definitions);
  return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } });
}
