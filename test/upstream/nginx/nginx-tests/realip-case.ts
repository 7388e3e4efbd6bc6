/**
 * nginx-tests' realip cases (repository nginx/nginx-tests, read at commit 76bb761cdcaeb6cb024d605c2ef91bf8d8a602d7) as
 * data, and the runner that checks each against `resolveClientIp` with the `nginx-realip` strategy.
 *
 * Each Test::Nginx request gives the peer (the test client connects from 127.0.0.1), the header lines, and the realip
 * directives in force at its location (set_real_ip_from, real_ip_header, real_ip_recursive, with nginx's defaults
 * X-Real-IP and off where the location sets none). The response the model implies is rendered as the test's server
 * would send it (`X-IP: $remote_addr` added by add_header) and the upstream regular expression is applied to it with
 * `like` or `unlike`.
 */
import { describe, expect, it } from 'vitest';
import { type HeaderInput, resolveClientIp } from '../../../../src/model/index.ts';

/** The nginx-tests commit read. */
export const NGINX_TESTS_COMMIT = '76bb761cdcaeb6cb024d605c2ef91bf8d8a602d7';

/** One `like`/`unlike` of a .t file, with the configuration of the location it reaches. */
export interface RealipCase {
  /** The test's own name (the last argument of like/unlike). */
  name: string;
  /** Line of the like/unlike in the .t file. */
  line: number;
  /** The request line's target and the server it reaches, as the .t file writes them. */
  request: string;
  peer: string;
  headers: HeaderInput;
  setRealIpFrom: string[];
  realIpHeader: string;
  realIpRecursive: boolean;
  /** The status line the location answers with (`return 204`, or a static file). */
  status: string;
  assertion: 'like' | 'unlike';
  /** The regular expression, with its Perl flags. */
  pattern: RegExp;
  /** Why the case is beyond the model, if it is. */
  notExpressible?: string;
}

/** The response the model implies: the status line and `X-IP: <the client resolveClientIp answers>`. */
export function impliedResponse(c: RealipCase): string {
  const result = resolveClientIp({
    remoteAddr: c.peer,
    headers: c.headers,
    strategy: { kind: 'nginx-realip', trusted: c.setRealIpFrom, header: c.realIpHeader, recursive: c.realIpRecursive },
  });
  return `HTTP/1.1 ${c.status}\r\nX-IP: ${result.clientIp ?? ''}\r\n\r\n`;
}

/** Declares the Vitest cases of one transcribed .t file. */
export function describeRealipFile(file: string, cases: RealipCase[]): void {
  describe(`nginx/nginx-tests ${NGINX_TESTS_COMMIT} ${file}`, () => {
    for (const c of cases) {
      const name = `${c.name} (line ${c.line}): ${c.request}`;
      if (c.notExpressible) {
        it.skip(`${name}: not expressible: ${c.notExpressible}`, () => {});
        continue;
      }
      it(name, () => {
        const response = impliedResponse(c);
        if (c.assertion === 'like') expect(response).toMatch(c.pattern);
        else expect(response).not.toMatch(c.pattern);
      });
    }
  });
}
