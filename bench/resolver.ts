/**
 * Benchmark: resolveClientIp on long headers. Prints the median of several runs
 * per case; the guide's budget is 100,000 entries well under a second.
 * Run: npm run bench:resolver
 */
import { performance } from 'node:perf_hooks';
import { resolveClientIp } from '../src/model/index.ts';
import type { Strategy } from '../src/model/index.ts';
import { describeMachine, machineLine } from './machine.ts';

const RUNS = 7;
const ENTRIES = 100_000;

/** 100,000 distinct addresses in 198.18.0.0/15, the benchmark range. */
const list = Array.from({ length: ENTRIES }, (_, i) => `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`).join(', ');
const megabytePaste = '<script>'.repeat(131_072);

const cases: [string, string, Strategy][] = [
  ['leftmost, 100k entries', list, { kind: 'leftmost' }],
  ['rightmost, 100k entries', list, { kind: 'rightmost' }],
  ['trusted-cidrs, all 100k trusted (full walk)', list, { kind: 'trusted-cidrs', trusted: ['198.18.0.0/15'] }],
  ['nginx-realip recursive, all 100k trusted', list, { kind: 'nginx-realip', trusted: ['198.18.0.0/15'], recursive: true }],
  ['trusted-hops 100000 (full walk)', list, { kind: 'trusted-hops', hops: ENTRIES }],
  ['trusted-cidrs, 1 MB of markup', megabytePaste, { kind: 'trusted-cidrs', trusted: ['0.0.0.0/0'] }],
];

/** The median of a list of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

console.log(`resolveClientIp, median of ${RUNS} runs on ${machineLine(describeMachine(null))}`);
for (const [name, header, strategy] of cases) {
  const times: number[] = [];
  let answer: string | null = null;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    answer = resolveClientIp({ remoteAddr: '198.18.0.1', headers: { 'X-Forwarded-For': header }, strategy }).clientIp;
    times.push(performance.now() - start);
  }
  console.log(`  ${name.padEnd(48)} ${median(times).toFixed(1).padStart(8)} ms   (answer ${answer})`);
}
