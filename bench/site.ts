/**
 * `npm run bench`: builds the site cold and warm, serves it, and measures every
 * page with Lighthouse (mobile preset, Debian's chromium where installed):
 * the four category scores, LCP, TBT, CLS, bytes transferred and JavaScript
 * bytes, medians over several runs; plus the resolver widget's update time on
 * a 100,000-entry header. Writes bench/results.json and bench/results.md.
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

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = 4455;
const base = `http://localhost:${PORT}`;

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

console.log('bench: cold build (diagram cache emptied)');
rmSync(join('.cache', 'diagrams'), { recursive: true, force: true });
const cold = build();
console.log(`  cold ${cold.seconds.toFixed(1)} s (${cold.diagrams})`);
const warmTimes: number[] = [];
let warmDiagrams = '';
for (let i = 0; i < RUNS; i++) {
  const warm = build();
  warmTimes.push(warm.seconds);
  warmDiagrams = warm.diagrams;
}
console.log(`  warm ${median(warmTimes).toFixed(1)} s median of ${RUNS} (${warmDiagrams})`);

const server = spawn(process.execPath, ['scripts/serve.ts', String(PORT)], { stdio: 'ignore' });
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
const rows: Row[] = [];
try {
  for (const page of pages()) {
    const runs: Row[] = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(`${base}${page}`, { port: chrome.port, output: 'json', logLevel: 'error' });
      const lhr = result!.lhr;
      const requests =
        (lhr.audits['network-requests']?.details as { items?: { url: string; resourceType?: string; transferSize?: number }[] })?.items ??
        [];
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      runs.push({
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
        foreignRequests: requests.filter((r) => !r.url.startsWith(base) && !r.url.startsWith('data:')).length,
      });
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
    console.log(
      `  ${page.padEnd(28)} perf ${row.performance} a11y ${row.accessibility} bp ${row.bestPractices} seo ${row.seo} LCP ${row.lcpMs} ms TBT ${row.tbtMs} ms CLS ${row.cls} ${(row.bytes / 1024).toFixed(1)} KiB, JS ${(row.jsBytes / 1024).toFixed(1)} KiB`,
    );
  }
} finally {
  chrome.kill();
}

// The resolver widget's own update time on a 100,000-entry header, as the widget records it.
const browser = await chromium.launch({ ...(chromePath ? { executablePath: chromePath } : {}), args: chromiumArgs });
const updateTimes: Record<string, number> = {};
try {
  const page = await browser.newPage();
  await page.goto(`${base}/tools/resolver/`);
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
  build: {
    coldSeconds: Number(cold.seconds.toFixed(1)),
    warmSeconds: Number(median(warmTimes).toFixed(1)),
    coldDiagrams: cold.diagrams,
    warmDiagrams,
  },
  resolverUpdateMs100k: updateTimes,
  pages: rows,
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
  `Build: cold ${results.build.coldSeconds} s (${cold.diagrams}), warm ${results.build.warmSeconds} s (${warmDiagrams}).`,
  `Resolver widget update on a 100,000-entry header: ${Object.entries(updateTimes)
    .map(([k, v]) => `${k} ${v} ms`)
    .join(', ')}.`,
  '',
  '"Widget JS" is the JavaScript a page loads before any interaction beyond what /concepts/, a page without widgets, loads (Starlight and its search). Pages whose widget starts below the fold load none of it until a reader scrolls there. Pages with code blocks also load Expressive Code\'s small script (about 1 KiB).',
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
