/** Registers transcribed ingress-nginx e2e cases as Vitest tests against the model's ingress-nginx policy. */
import { describe, expect, it } from 'vitest';
import {
  type E2eCase,
  INGRESS_NGINX_COMMIT,
  INGRESS_NGINX_REPOSITORY,
  INGRESS_NGINX_TAG,
  accessStatus,
  assertionHeader,
  checkBody,
  echoBody,
  isModelled,
} from './e2e-request.ts';

/** Declares the Vitest cases of one transcribed e2e file. */
export function describeE2eFile(path: string, cases: E2eCase[]): void {
  describe(`${INGRESS_NGINX_REPOSITORY} ${INGRESS_NGINX_TAG} (${INGRESS_NGINX_COMMIT}) ${path}`, () => {
    for (const c of cases) {
      const name = `${c.spec} (line ${c.line})`;
      if (c.notExpressible) {
        it.skip(`${name}: not expressible: ${c.notExpressible}`, () => {});
        continue;
      }
      const checked = (c.body ?? []).filter(isModelled);
      const unchecked = (c.body ?? []).filter((a) => !isModelled(a));
      if (unchecked.length > 0) {
        const headers = [...new Set(unchecked.map(assertionHeader))].join(', ');
        const lines = unchecked.map((a) => a.line).join(', ');
        it.skip(`${name}: not expressible: the assertions on lines ${lines} are about ${headers}, which the model does not follow`, () => {});
      }
      if (checked.length === 0 && !c.status) continue;
      it(`${name}${c.note ? ` [${c.note}]` : ''}`, () => {
        const body = echoBody(c);
        for (const a of checked) checkBody(body, a);
        if (c.status) expect(accessStatus(c), `line ${c.status.line}: Status`).toBe(c.status.status);
      });
    }
  });
}
