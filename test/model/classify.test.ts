/** classifyAddress (src/model/classify.ts) on addresses a load balancer's own traffic comes from. Expectations by hand. */
import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../src/model/index.ts';

describe('classifyAddress', () => {
  // 100.64.0.0/10 is the shared address space of RFC 6598, never routed on the public internet; Alibaba Cloud's
  // load balancers send their health checks and traffic from it (the guide's note, content/docs/health-checks.mdx).
  it('Alibaba’s load balancers and health checks come from 100.64.0.0/10: never taken for a client on the internet', () => {
    const c = classifyAddress('100.64.12.34');
    expect(c.role).toBe('unknown');
    expect(c.reason).toContain('100.64.0.0/10');
  });
});
