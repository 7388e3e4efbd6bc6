/**
 * Which request headers Envoy holds as one value (Envoy v1.39.0, envoy/http/header_map.h INLINE_REQ_STRING_HEADERS,
 * INLINE_REQ_NUMERIC_HEADERS and INLINE_REQ_RESP_*; names from source/common/http/headers.h with the default "x-envoy"
 * prefix). When a request repeats one of them, HeaderMapImpl::insertByKey appends the new line to the first with ","
 * (cookie aside), so a reader of the header sees one joined value. Any other header keeps one entry per line, and a
 * reader taking `get()[0]` sees the first line.
 */
import { headerLines, type HeaderInput } from '../forwarded-list.ts';
import { joinedHeader } from './xff.ts';

/** The inline request headers, lower-case, as an HTTP/1 request names them (Host for :authority). */
export const envoyInlineRequestHeaders: ReadonlySet<string> = new Set([
  'x-client-trace-id',
  'x-envoy-downstream-service-cluster',
  'x-envoy-downstream-service-node',
  'x-envoy-external-address',
  'x-envoy-force-trace',
  'x-envoy-hedge-on-per-try-timeout',
  'x-envoy-internal',
  'x-envoy-ip-tags',
  'x-envoy-retry-on',
  'x-envoy-retry-grpc-on',
  'x-envoy-retriable-status-codes',
  'x-envoy-retriable-header-names',
  'x-envoy-is-timeout-retry',
  'x-envoy-original-path',
  'x-envoy-original-host',
  'x-envoy-original-url',
  'x-envoy-upstream-alt-stat-name',
  'x-envoy-upstream-rq-timeout-alt-response',
  'expect',
  'x-forwarded-client-cert',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'grpc-timeout',
  'host',
  'te',
  'user-agent',
  'x-envoy-expected-rq-timeout-ms',
  'x-envoy-max-retries',
  'x-envoy-upstream-rq-timeout-ms',
  'x-envoy-upstream-rq-per-try-timeout-ms',
  'x-envoy-upstream-stream-duration-ms',
  'x-forwarded-port',
  'connection',
  'content-type',
  'x-envoy-decorator-operation',
  'keep-alive',
  'proxy-connection',
  'proxy-status',
  'x-request-id',
  'transfer-encoding',
  'upgrade',
  'via',
  'content-length',
]);

/** The first value Envoy's `get(name)[0]` returns: the joined lines of an inline header, else the first line; null when absent. */
export function firstEnvoyHeaderValue(headers: HeaderInput | undefined, name: string): string | null {
  if (envoyInlineRequestHeaders.has(name.toLowerCase())) return joinedHeader(headers, name);
  return headerLines(headers, name)[0] ?? null;
}
