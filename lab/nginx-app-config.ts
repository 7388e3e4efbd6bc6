/**
 * The app's PROXY protocol listener: Debian's nginx with `listen ... proxy_protocol` in the app pod, so that how a
 * PROXY-expecting listener reacts to a stream without a PROXY header is real nginx's decision, not the lab's code. It
 * relays each request to the echo app on loopback, adding the TCP peer and the PROXY source it read as headers; the
 * client's own header lines pass through unchanged.
 */

import { labNginxConfOpening } from './nginx-foreground.ts';

/** The header names the listener adds for the echo app's `relayed` port. */
export const relayHeaders = { peer: 'X-Lab-Peer', proxySource: 'X-Lab-Proxy-Source' } as const;

/** The nginx configuration of the app pod's PROXY listener, every path under the lab's directory. */
export function proxyListenerConfig(dir: string, listen: string, relayTo: string): string {
  return [
    ...labNginxConfOpening(dir),
    '  server {',
    `    listen ${listen} proxy_protocol;`,
    '    location / {',
    `      proxy_set_header ${relayHeaders.peer} $remote_addr;`,
    `      proxy_set_header ${relayHeaders.proxySource} $proxy_protocol_addr;`,
    '      proxy_http_version 1.1;',
    `      proxy_pass http://${relayTo};`,
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
