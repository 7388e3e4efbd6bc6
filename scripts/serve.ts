/**
 * Serves a built site on localhost, as a static host would: index.html for
 * folders, the 404 page for anything missing, brotli or gzip for text. Used by
 * the browser tests and the benchmark. With --base, serves the site under that
 * path only (as a knowledge base hosting it at /kb/field-guide/ would) and
 * answers 404 to anything outside it, so a URL that assumes the root fails.
 * Usage: node scripts/serve.ts [port] [--dir dist] [--base /kb/field-guide/]
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { basePath } from './site-config.ts';

const args = parseArgs({
  allowPositionals: true,
  options: { dir: { type: 'string', default: 'dist' }, base: { type: 'string', default: '/' } },
});
const root = args.values.dir;
const base = basePath(args.values.base);
const port = Number(args.positionals[0] ?? 4399);
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const compressed = new Map<string, Buffer>();

/** The file a request path maps to, inside the site's folder only; null outside the base. */
function resolve(pathname: string): string | null {
  if (!pathname.startsWith(base)) return null;
  const safe = normalize(decodeURIComponent(pathname.slice(base.length - 1))).replace(/^(\.\.[/\\])+/, '');
  for (const candidate of [join(root, safe), join(root, safe, 'index.html')]) {
    if (candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

createServer((request, response) => {
  let pathname: string;
  try {
    pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    decodeURIComponent(pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  // The base without its trailing slash is the site's home page, as static hosts redirect it.
  if (base !== '/' && pathname === base.slice(0, -1)) {
    response.writeHead(301, { Location: base }).end();
    return;
  }
  const file = resolve(pathname);
  const status = file ? 200 : 404;
  const path = file ?? join(root, '404.html');
  // No build here (yet): say so rather than stop, so that tests of another build can share this run.
  if (!existsSync(path)) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${root}/ holds no build\n`);
    return;
  }
  const type = types[extname(path)] ?? 'application/octet-stream';
  let body: Buffer = readFileSync(path);
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
  // Compressed as static hosts and CDNs serve text: brotli where the browser takes it, else gzip.
  const accepted = String(request.headers['accept-encoding'] ?? '');
  const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
  if (encoding && /text|json|xml|svg|javascript/.test(type)) {
    const key = `${encoding}:${path}@${statSync(path).mtimeMs}`;
    const cached =
      compressed.get(key) ??
      (encoding === 'br' ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(body, { level: 9 }));
    compressed.set(key, cached);
    body = cached;
    headers['Content-Encoding'] = encoding;
  }
  response.writeHead(status, headers).end(request.method === 'HEAD' ? undefined : body);
}).listen(port, 'localhost', () => console.log(`serving ${root}/ at http://localhost:${port}${base}`));
