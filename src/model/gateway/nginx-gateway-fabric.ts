/**
 * NGINX Gateway Fabric: nginx's realip module configured from `NginxProxy.spec.rewriteClientIP`, and the base
 * `proxy_set_header` lines NGF writes into every location. Read in nginx/nginx-gateway-fabric at tag v2.6.7
 * (commit 5e34a17a8f7787e90f41d1af91258a556f0795b4): apis/v1alpha2/nginxproxy_types.go (fields, CEL rule),
 * internal/controller/state/graph/nginxproxy.go (validateRewriteClientIP), internal/controller/state/dataplane/
 * configuration.go (buildRewriteClientIPConfig), internal/controller/nginx/config/servers.go
 * (getRewriteClientIPSettings, createBaseProxySetHeaders) and servers_template.go. `disableBaseHeaders` is read
 * at main (commit e55bfe33969f313b210d3497b3ae56b923175d69, PR #5288): no v2.6.x release has it.
 *
 * The client is nginx's `$remote_addr` after realip, computed by the model's one realip (resolve.ts,
 * 'nginx-realip'). The headers reported are the two NGF manages, X-Forwarded-For and X-Real-IP, as the app
 * receives them.
 */
import { headerLines } from '../forwarded-list.ts';
import { resolveClientIp } from '../resolve.ts';
import type { GatewayForward } from './index.ts';
import {
  nginxGatewayFabricListenerRejection,
  nginxGatewayFabricRealip,
  nginxGatewayFabricRealipInput,
  readNginxGatewayFabricConfig,
  type NginxRealipDirectives,
} from './nginx-gateway-fabric-realip.ts';
import { readAddress, readProxySource, sentHeaders, type SentLine } from './sent-headers.ts';
import type { GatewayRequest, GatewayResult } from './types.ts';

export {
  baseHeaderNames,
  nginxGatewayFabricListenerRejection,
  nginxGatewayFabricRealip,
  nginxGatewayFabricRealipInput,
  readNginxGatewayFabricConfig,
  type NginxGatewayFabricSettings,
  type NginxRealipDirectives,
  type RewriteClientIPMode,
} from './nginx-gateway-fabric-realip.ts';

/** `$remote_addr` after realip, with the steps that explain it. */
function remoteAddrAfterRealip(
  peer: string,
  proxySource: string | undefined,
  request: GatewayRequest,
  realip: NginxRealipDirectives,
  steps: string[],
): string {
  const prepared = nginxGatewayFabricRealipInput(realip, request.headers, proxySource);
  if (prepared === null) {
    steps.push(`No trusted addresses, so realip changes nothing: $remote_addr is the peer ${peer}.`);
    return peer;
  }
  steps.push(...prepared.steps);
  const resolved = resolveClientIp({ remoteAddr: peer, headers: prepared.headers, strategy: prepared.strategy });
  const remoteAddr = resolved.clientIp ?? peer;
  steps.push(
    `realip (set_real_ip_from ${realip.setRealIpFrom.join(', ')}; real_ip_header ${prepared.strategy.header}; real_ip_recursive ${realip.realIpRecursive ? 'on' : 'off'}) gives $remote_addr ${remoteAddr}.`,
  );
  return remoteAddr;
}

/** NGINX Gateway Fabric's answer for one request (see the module comment); throws GatewayConfigError on a bad configuration. */
export const forwardThroughNginxGatewayFabric: GatewayForward = (request): GatewayResult => {
  const settings = readNginxGatewayFabricConfig(request.config);
  const peer = readAddress(request.peer, 'peer');
  const proxySource = readProxySource(request.proxyProtocolSource);
  const realip = nginxGatewayFabricRealip(settings);
  const steps: string[] = [];
  const refusal = nginxGatewayFabricListenerRejection(realip, proxySource);
  if (refusal !== null) return { clientIp: null, rejected: refusal.rejection, upstreamHeaders: {}, steps: [refusal.step] };
  if (proxySource !== undefined)
    steps.push(`The listener reads the PROXY header: $proxy_protocol_addr is ${proxySource}; the TCP peer is ${peer}.`);
  const remoteAddr = remoteAddrAfterRealip(peer, proxySource, request, realip, steps);
  const lines: SentLine[] = [];
  const received = headerLines(request.headers, 'x-forwarded-for');
  if (settings.disabledBaseHeaders.has('X-Forwarded-For')) {
    for (const value of received) lines.push(['x-forwarded-for', value]);
    steps.push('disableBaseHeaders leaves out X-Forwarded-For: the received lines pass unchanged.');
  } else {
    // $proxy_add_x_forwarded_for: every received line joined with ", ", then ", " and $remote_addr (after realip).
    lines.push(['x-forwarded-for', [...received, remoteAddr].join(', ')]);
    steps.push(`X-Forwarded-For is $proxy_add_x_forwarded_for: the received list plus $remote_addr ${remoteAddr}.`);
  }
  if (settings.disabledBaseHeaders.has('X-Real-IP')) {
    for (const value of headerLines(request.headers, 'x-real-ip')) lines.push(['x-real-ip', value]);
    steps.push('disableBaseHeaders leaves out X-Real-IP: a received X-Real-IP passes unchanged.');
  } else {
    lines.push(['x-real-ip', remoteAddr]);
    steps.push(`X-Real-IP is $remote_addr: ${remoteAddr}.`);
  }
  return { clientIp: remoteAddr, ...sentHeaders(lines), steps };
};
