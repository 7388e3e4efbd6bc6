/** Helpers the gateway tests share. */
import { GatewayConfigError } from '../../../src/model/gateway/types.ts';

/** The problem and path of the configuration error a run throws, or 'accepted'; any other error is thrown on. */
export function configProblem(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof GatewayConfigError) return `${error.problem} ${error.path}`;
    throw error;
  }
}
