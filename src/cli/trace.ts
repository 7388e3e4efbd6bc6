/**
 * Prints a scenario's trace: `npm run trace -- nodeport externalTrafficPolicy=Local entry=node-with-endpoint`.
 * With no scenario, lists the scenarios and their parameters.
 */
import { placeNames, scenarios, trace } from '../model/index.ts';
import type { Address } from '../model/index.ts';

const [id, ...pairs] = process.argv.slice(2);

/** Formats an address with its role. */
const show = (a: Address | null): string => (a ? `${a.ip} (${a.role})` : '—');

if (!id) {
  console.log('Scenarios (first value is the default):');
  for (const s of scenarios) {
    console.log(`\n  ${s.id}: ${s.summary}`);
    for (const p of s.params) console.log(`    ${p.name}: ${p.values.join(' | ')}`);
  }
  console.log('\nUsage: npm run trace -- <scenario> [name=value ...]');
} else {
  const params = Object.fromEntries(pairs.map((pair) => pair.split('=', 2) as [string, string]));
  const t = trace(id, params);
  if (t.error) {
    console.error(t.error);
    process.exitCode = 2;
  } else {
    console.log(`${t.id} ${new URLSearchParams(t.params).toString()}`);
    for (const n of t.notices) console.log(`  notice: ${n}`);
    t.hops.forEach((h, i) => {
      console.log(`\n${String(i + 1).padStart(2)}. [${h.kind}] at ${placeNames[h.at]}`);
      console.log(`    ${h.what}`);
      console.log(`    src ${show(h.src)} -> dst ${show(h.dst)}`);
      for (const line of h.headers) console.log(`    ${line.name}: ${line.values.map(show).join(', ')}`);
      if (h.proxyProtocol) console.log(`    PROXY source: ${show(h.proxyProtocol)}`);
    });
    console.log(`\ndelivered: ${t.delivered}${t.dropReason ? `\ndropped: ${t.dropReason}` : ''}`);
    if (t.observed) {
      console.log(`remote_addr:     ${show(t.observed.remoteAddr)}`);
      console.log(`X-Forwarded-For: ${t.observed.xForwardedFor ? t.observed.xForwardedFor.map(show).join(', ') : '—'}`);
      console.log(`X-Real-IP:       ${show(t.observed.xRealIp)}`);
      console.log(`PROXY source:    ${show(t.observed.proxyProtocol)}`);
    }
    if (t.healthCheck)
      console.log(`health check on the entry node: ${t.healthCheck.status} (localEndpoints ${t.healthCheck.localEndpoints})`);
  }
}
