/**
 * The lab's app: reports what it received. Listens on the given addresses; on
 * a "plain" port it answers HTTP and refuses a PROXY line with 400 (as nginx
 * does); on a "proxy" port it requires a PROXY v1 line first and closes the
 * connection without a word when there is none ("broken header").
 * Usage: node echo-app.ts plain=ADDR:PORT proxy=ADDR:PORT ...
 */
import { createServer, type Socket } from 'node:net';

/** Reads one HTTP request head (up to the blank line) from a socket, with an optional PROXY v1 line in front. */
function handle(socket: Socket, expectsProxy: boolean): void {
  let buffer = '';
  socket.setTimeout(3000, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    if (buffer.length > 65536) return socket.destroy();
    const end = buffer.indexOf('\r\n\r\n');
    if (end === -1) return;
    let head = buffer.slice(0, end);
    let proxy: string | null = null;
    if (head.startsWith('PROXY ')) {
      const line = head.slice(0, head.indexOf('\r\n'));
      if (!expectsProxy) return reply(socket, 400, { error: 'PROXY line where an HTTP request line was expected' });
      proxy = line.split(' ')[2] ?? null;
      head = head.slice(line.length + 2);
    } else if (expectsProxy) {
      return socket.destroy(); // broken header: no response at all
    }
    const lines = head.split('\r\n').slice(1);
    const headers = lines.map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]);
    reply(socket, 200, { peer: socket.remoteAddress?.replace(/^::ffff:/, '') ?? null, proxy, headers });
  });
}

/** Sends a JSON response and closes. */
function reply(socket: Socket, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} X\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

for (const arg of process.argv.slice(2)) {
  const [mode, address] = arg.split('=') as [string, string];
  const colon = address.lastIndexOf(':');
  createServer((socket) => handle(socket, mode === 'proxy')).listen(Number(address.slice(colon + 1)), address.slice(0, colon));
}
