/**
 * The lab's app: reports what it received, as JSON: its TCP peer, the PROXY source, and every header line in order.
 * It decides nothing: a "plain" port reads HTTP and reports its socket's peer; a "relayed" port sits behind the app
 * pod's nginx PROXY listener (lab/nginx-app-config.ts) on loopback and reports the peer and PROXY source that nginx
 * read, from the two headers nginx adds, leaving those two out of the reported lines.
 * Usage: node echo-app.ts plain=ADDR:PORT relayed=ADDR:PORT ...
 */
import { createServer, type Socket } from 'node:net';
import { relayHeaders } from './nginx-app-config.ts';

/** Reads one HTTP request head (up to the blank line) and answers what it saw. */
function handle(socket: Socket, relayed: boolean): void {
  let buffer = '';
  socket.setTimeout(3000, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    if (buffer.length > 65536) return socket.destroy();
    const end = buffer.indexOf('\r\n\r\n');
    if (end === -1) return;
    const lines = buffer.slice(0, end).split('\r\n').slice(1);
    let headers = lines.map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()] as const);
    let peer = socket.remoteAddress?.replace(/^::ffff:/, '') ?? null;
    let proxy: string | null = null;
    if (relayed) {
      const value = (name: string) => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1] ?? null;
      peer = value(relayHeaders.peer);
      proxy = value(relayHeaders.proxySource);
      headers = headers.filter(
        ([n]) => n.toLowerCase() !== relayHeaders.peer.toLowerCase() && n.toLowerCase() !== relayHeaders.proxySource.toLowerCase(),
      );
    }
    reply(socket, { peer, proxy, headers });
  });
}

/** Sends a JSON response and closes. */
function reply(socket: Socket, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

for (const arg of process.argv.slice(2)) {
  const [mode, address] = arg.split('=') as [string, string];
  if (mode !== 'plain' && mode !== 'relayed') throw new Error(`echo-app: unknown mode ${mode}`);
  const colon = address.lastIndexOf(':');
  createServer((socket) => handle(socket, mode === 'relayed')).listen(Number(address.slice(colon + 1)), address.slice(0, colon));
}
