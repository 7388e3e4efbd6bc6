/**
 * Serves the built site (dist/) on localhost, as a static host would: index.html
 * for folders, the 404 page for anything missing, brotli or gzip for text. Used by the
 * browser tests and the benchmark. Usage: node scripts/serve.ts [port]
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = 'dist';
const port = Number(process.argv[2] ?? 4399);
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

/** The file a request path maps to, inside dist/ only. */
function resolve(pathname: string): string | null {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  for (const candidate of [join(root, safe), join(root, safe, 'index.html')]) {
    if (candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

createServer((request, response) => {
  let pathname: string;
  try {
    pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  } catch {
    response.writeHead(400).end();
    return;
  }
  const file = resolve(pathname);
  const status = file ? 200 : 404;
  const path = file ?? join(root, '404.html');
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
}).listen(port, 'localhost', () => console.log(`serving ${root}/ at http://localhost:${port}/`));
