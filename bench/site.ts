/**
 * `npm run bench`: builds the site cold and warm, serves it, and measures every
 * page with Lighthouse (mobile preset, Debian's chromium where installed):
 * the four category scores, LCP, TBT, CLS, bytes transferred and JavaScript
 * bytes, medians over several runs; plus the resolver widget's update time on
 * a 100,000-entry header. Each page is measured side by side with its plain
 * Starlight twin (bench/plain.ts), served by the same brotli server, the runs
 * interleaved, and judged: at most 1.1x the twin's bytes and no more blocking
 * time (TBT) than it. Writes bench/results.json and bench/results.md.
 *
 * BENCH_RUNS (default 3) sets the runs per page; BENCH_PAGES=/scenarios/nodeport/,/diagnose/ limits the pages;
 * BENCH_BUILD_TIMES=0 builds once instead of timing a cold and several warm builds (for iterating).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { chromiumArgs, systemChromium } from '../scripts/chromium.ts';
import { describeMachine, machineLine } from './machine.ts';
import { PLAIN_RULE, buildPlainTwin, plainDist } from './plain.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = 4455;
const PLAIN_PORT = 4456;
const base = `http://localhost:${PORT}`;
const plainBase = `http://localhost:${PLAIN_PORT}`;
const onlyPages = process.env.BENCH_PAGES?.split(',').filter((p) => p !== '');
const timeBuilds = process.env.BENCH_BUILD_TIMES !== '0';
/** The page's bytes may be at most this multiple of its plain twin's. */
const MAX_BYTES_RATIO = 1.1;

/** The median of some numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs the site build and returns its wall time in seconds and what the diagram step said. */
function build(): { seconds: number; diagrams: string } {
  const start = performance.now();
  const out = execFileSync('npm', ['run', '-s', 'build'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { seconds: (performance.now() - start) / 1000, diagrams: /diagrams: (\d+ distinct, \d+ rendered)/.exec(out)?.[1] ?? '?' };
}

/** The site's pages, from the sitemap. */
function pages(): string[] {
  const file = readdirSync('dist').find((f) => /^sitemap-\d+\.xml$/.test(f))!;
  return [...readFileSync(join('dist', file), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

console.log(timeBuilds ? 'bench: cold build (diagram cache emptied)' : 'bench: one build (BENCH_BUILD_TIMES=0)');
if (timeBuilds) rmSync(join('.cache', 'diagrams'), { recursive: true, force: true });
const cold = build();
console.log(`  ${timeBuilds ? 'cold' : 'build'} ${cold.seconds.toFixed(1)} s (${cold.diagrams})`);
const warmTimes: number[] = [];
let warmDiagrams = '';
for (let i = 0; timeBuilds && i < RUNS; i++) {
  const warm = build();
  warmTimes.push(warm.seconds);
  warmDiagrams = warm.diagrams;
}
if (timeBuilds) console.log(`  warm ${median(warmTimes).toFixed(1)} s median of ${RUNS} (${warmDiagrams})`);
console.log('bench: plain Starlight twin (.cache/bench-plain/)');
const plainSeconds = buildPlainTwin();
console.log(`  built in ${plainSeconds.toFixed(1)} s`);

const server = spawn(process.execPath, ['scripts/serve.ts', String(PORT)], { stdio: 'ignore' });
const plainServer = spawn(process.execPath, ['scripts/serve.ts', String(PLAIN_PORT), '--dir', plainDist], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const chromePath = systemChromium();
const chrome = await chromeLauncher.launch({ ...(chromePath ? { chromePath } : {}), chromeFlags: ['--headless=new', ...chromiumArgs] });
type Row = {
  page: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  bytes: number;
  jsBytes: number;
  foreignRequests: number;
};
/** One page against its plain twin: medians of both, every run's TBT, the ratios and the verdicts. */
type Comparison = {
  page: string;
  bytes: number;
  plainBytes: number;
  bytesRatio: number;
  tbtMs: number;
  plainTbtMs: number;
  tbtRunsMs: number[];
  plainTbtRunsMs: number[];
  lcpMs: number;
  plainLcpMs: number;
  lcpRatio: number;
  bytesPass: boolean;
  tbtPass: boolean;
};

/** One Lighthouse run of a page at `origin` (the site's or its plain twin's server). */
async function measure(origin: string, page: string): Promise<Row> {
  const result = await lighthouse(`${origin}${page}`, { port: chrome.port, output: 'json', logLevel: 'error' });
  const lhr = result!.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${origin}${page}: ${lhr.runtimeError.message}`);
  const requests =
    (lhr.audits['network-requests']?.details as { items?: { url: string; resourceType?: string; transferSize?: number }[] })?.items ?? [];
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  return {
    page,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? 0,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? 0,
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? 0,
    bytes: lhr.audits['total-byte-weight']?.numericValue ?? 0,
    jsBytes: requests.filter((r) => r.resourceType === 'Script').reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
    foreignRequests: requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('data:')).length,
  };
}

const rows: Row[] = [];
const comparisons: Comparison[] = [];
try {
  for (const page of pages().filter((p) => !onlyPages || onlyPages.includes(p))) {
    const runs: Row[] = [];
    const plainRuns: Row[] = [];
    // Interleaved, and each round starts with the other one, so that a machine that slows down or speeds up
    // during the benchmark weighs on both alike.
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        runs.push(await measure(base, page));
        plainRuns.push(await measure(plainBase, page));
      } else {
        plainRuns.push(await measure(plainBase, page));
        runs.push(await measure(base, page));
      }
    }
    const m = (key: keyof Row) => median(runs.map((r) => r[key] as number));
    const row: Row = {
      page,
      performance: m('performance'),
      accessibility: m('accessibility'),
      bestPractices: m('bestPractices'),
      seo: m('seo'),
      lcpMs: Math.round(m('lcpMs')),
      tbtMs: Math.round(m('tbtMs')),
      cls: Number(m('cls').toFixed(3)),
      bytes: Math.round(m('bytes')),
      jsBytes: Math.round(m('jsBytes')),
      foreignRequests: Math.max(...runs.map((r) => r.foreignRequests)),
    };
    rows.push(row);
    const pm = (key: keyof Row) => median(plainRuns.map((r) => r[key] as number));
    const comparison: Comparison = {
      page,
      bytes: row.bytes,
      plainBytes: Math.round(pm('bytes')),
      bytesRatio: Number((row.bytes / pm('bytes')).toFixed(2)),
      tbtMs: row.tbtMs,
      plainTbtMs: Math.round(pm('tbtMs')),
      tbtRunsMs: runs.map((r) => Math.round(r.tbtMs)),
      plainTbtRunsMs: plainRuns.map((r) => Math.round(r.tbtMs)),
      lcpMs: row.lcpMs,
      plainLcpMs: Math.round(pm('lcpMs')),
      lcpRatio: Number((row.lcpMs / pm('lcpMs')).toFixed(2)),
      bytesPass: row.bytes <= MAX_BYTES_RATIO * pm('bytes'),
      tbtPass: row.tbtMs <= Math.round(pm('tbtMs')),
    };
    comparisons.push(comparison);
    console.log(
      `  ${page.padEnd(28)} perf ${row.performance} a11y ${row.accessibility} bp ${row.bestPractices} seo ${row.seo} LCP ${row.lcpMs} ms TBT ${row.tbtMs} ms CLS ${row.cls} ${(row.bytes / 1024).toFixed(1)} KiB, JS ${(row.jsBytes / 1024).toFixed(1)} KiB`,
    );
    console.log(
      `  ${''.padEnd(28)} plain ${(comparison.plainBytes / 1024).toFixed(1)} KiB (${comparison.bytesRatio}x ${comparison.bytesPass ? 'PASS' : 'FAIL'}), TBT ${comparison.tbtRunsMs.join('/')} ms vs plain ${comparison.plainTbtRunsMs.join('/')} ms (${comparison.tbtPass ? 'PASS' : 'FAIL'}), LCP ${comparison.lcpRatio}x`,
    );
  }
} finally {
  chrome.kill();
  plainServer.kill();
}

// The resolver widget's own update time on a 100,000-entry header, as the widget records it.
const browser = await chromium.launch({ ...(chromePath ? { executablePath: chromePath } : {}), args: chromiumArgs });
const updateTimes: Record<string, number> = {};
try {
  const page = await browser.newPage();
  await page.goto(`${base}/tools/resolver/`);
  // The widget's code starts on a reader's first interaction with it.
  await page.locator('[data-widget="resolver"]').dispatchEvent('focusin');
  await page.locator('[data-widget="resolver"][data-ready]').waitFor();
  const header = `X-Forwarded-For: ${Array.from({ length: 100_000 }, (_, i) => `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`).join(', ')}`;
  await page.getByLabel('Request headers').fill(header);
  for (const [strategy, trusted] of [
    ['leftmost', ''],
    ['trusted-cidrs', '198.18.0.0/15'],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Strategy').selectOption(strategy);
      if (trusted) await page.getByLabel('Trusted proxies').fill(trusted + (i % 2 ? ' ' : ''));
      else await page.getByLabel('Request headers').press('End');
      await page.waitForTimeout(400);
      times.push(Number(await page.locator('[data-widget="resolver"]').getAttribute('data-update-ms')));
    }
    updateTimes[strategy] = median(times);
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(
  `  resolver update, 100,000 entries: ${Object.entries(updateTimes)
    .map(([k, v]) => `${k} ${v} ms`)
    .join(', ')}`,
);

const results = {
  date: new Date().toISOString().slice(0, 10),
  machine: describeMachine({ path: chromePath }),
  runs: RUNS,
  build: timeBuilds
    ? {
        coldSeconds: Number(cold.seconds.toFixed(1)),
        warmSeconds: Number(median(warmTimes).toFixed(1)),
        coldDiagrams: cold.diagrams,
        warmDiagrams,
        plainSeconds: Number(plainSeconds.toFixed(1)),
      }
    : { seconds: Number(cold.seconds.toFixed(1)), diagrams: cold.diagrams, plainSeconds: Number(plainSeconds.toFixed(1)) },
  resolverUpdateMs100k: updateTimes,
  plainRule: PLAIN_RULE,
  maxBytesRatio: MAX_BYTES_RATIO,
  pages: rows,
  againstPlain: comparisons,
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
const baseline = rows.find((r) => r.page === '/concepts/')?.jsBytes ?? 0;
const md = [
  `# Benchmark results (${results.date})`,
  '',
  `Lighthouse ${RUNS} runs per page, mobile preset, medians. Built and served locally with brotli (as static hosts serve text).`,
  '',
  `Machine: ${machineLine(results.machine)}.`,
  '',
  timeBuilds
    ? `Build: cold ${cold.seconds.toFixed(1)} s (${cold.diagrams}), warm ${median(warmTimes).toFixed(1)} s (${warmDiagrams}); the plain twin ${plainSeconds.toFixed(1)} s.`
    : `Build: one build of ${cold.seconds.toFixed(1)} s (BENCH_BUILD_TIMES=0, no cold/warm timing); the plain twin ${plainSeconds.toFixed(1)} s.`,
  `Resolver widget update on a 100,000-entry header: ${Object.entries(updateTimes)
    .map(([k, v]) => `${k} ${v} ms`)
    .join(', ')}.`,
  '',
  '## Against plain Starlight',
  '',
  `Each page against its plain Starlight twin, built from the same content by bench/plain.ts. The rule: ${PLAIN_RULE} Both are served by scripts/serve.ts (brotli), measured in the same run, page and twin interleaved; medians of ${RUNS} runs. A page passes when it transfers at most ${MAX_BYTES_RATIO}x the twin's bytes and its TBT is no more than the twin's. ${comparisons.filter((c) => c.bytesPass && c.tbtPass).length} of ${comparisons.length} pages pass.`,
  '',
  '| Page | KiB | Plain KiB | Bytes ratio | TBT ms (runs) | Plain TBT ms (runs) | LCP ms | Plain LCP ms | LCP ratio | Bytes | TBT |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...comparisons.map(
    (c) =>
      `| ${c.page} | ${(c.bytes / 1024).toFixed(1)} | ${(c.plainBytes / 1024).toFixed(1)} | ${c.bytesRatio}x | ${c.tbtMs} (${c.tbtRunsMs.join(', ')}) | ${c.plainTbtMs} (${c.plainTbtRunsMs.join(', ')}) | ${c.lcpMs} | ${c.plainLcpMs} | ${c.lcpRatio}x | ${c.bytesPass ? 'PASS' : 'FAIL'} | ${c.tbtPass ? 'PASS' : 'FAIL'} |`,
  ),
  '',
  '## All scores',
  '',
  "\"Widget JS\" is the JavaScript a page loads before any interaction beyond what /concepts/, a page without widgets, loads (Starlight and its search). A widget's code starts on a reader's first interaction with it (pointer over it, focus, a tap or a key), or when it scrolls into view on a page opened with a link's state; until then the page shows the server-rendered default state and loads none of it. Pages with code blocks also load Expressive Code's small script (about 1 KiB).",
  '',
  '| Page | Perf | A11y | Best pr. | SEO | LCP ms | TBT ms | CLS | KiB | JS KiB | Widget JS KiB | Other origins |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.page} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${r.lcpMs} | ${r.tbtMs} | ${r.cls} | ${(r.bytes / 1024).toFixed(1)} | ${(r.jsBytes / 1024).toFixed(1)} | ${(Math.max(0, r.jsBytes - baseline) / 1024).toFixed(1)} | ${r.foreignRequests} |`,
  ),
  '',
];
writeFileSync('bench/results.md', md.join('\n'));
console.log('bench: wrote bench/results.json and bench/results.md');
