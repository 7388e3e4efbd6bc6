/**
 * The resolver's two gateway strategies, thin adapters over the mappings the
 * gateway scenario uses, so no networking is derived twice:
 *
 * - `envoy-gateway`: a ClientTrafficPolicy's `clientIPDetection` (Envoy Gateway v1.9.0), turned into Envoy's
 *   settings by `envoyGatewayHcmConfig` and run on the one Envoy engine (`envoyMutateRequest`).
 * - `nginx-gateway-fabric`: an NginxProxy's `rewriteClientIP` (NGINX Gateway Fabric v2.6.7), turned into nginx's
 *   realip directives by `readNginxGatewayFabricConfig` / `nginxGatewayFabricRealip`; resolve.ts then runs its own
 *   `nginx-realip` walk on them.
 *
 * Configurations the implementation refuses become issues filed under the input they come from; nothing here throws.
 */
import type { HeaderInput } from '../forwarded-list.ts';
import { parseIp } from '../ip.ts';
import type { ResolveInputName, Strategy } from '../resolve.ts';
import { quote } from '../text.ts';
import { envoyMutateRequest, type HcmConfig } from '../envoy/hcm.ts';
import { joinedHeader } from '../envoy/xff.ts';
import { readPeer, tellEngine } from '../envoy/resolver.ts';
import { envoyGatewayHcmConfig, envoyGatewayVersion } from './envoy-gateway.ts';
import {
  nginxGatewayFabricListenerRejection,
  nginxGatewayFabricRealip,
  nginxGatewayFabricRealipInput,
  readNginxGatewayFabricConfig,
} from './nginx-gateway-fabric-realip.ts';
import { GatewayConfigError } from './types.ts';

/** Envoy Gateway's ClientTrafficPolicy `spec.clientIPDetection`, in its own spelling; omitted: Envoy Gateway's default (the peer). */
export interface EnvoyGatewayStrategy {
  kind: 'envoy-gateway';
  clientIPDetection?:
    | { xForwardedFor: { numTrustedHops: number; disableXForwardedForAppend?: boolean } }
    | { xForwardedFor: { trustedCIDRs: string[]; disableXForwardedForAppend?: boolean } }
    | { customHeader: { name: string; failClosed?: boolean } }
    | { directSourceIP: Record<string, never> };
}

/** NGINX Gateway Fabric's NginxProxy `spec.rewriteClientIP`, in its own spelling; omitted: no realip (the peer). */
export interface NginxGatewayFabricStrategy {
  kind: 'nginx-gateway-fabric';
  rewriteClientIP?: {
    mode?: 'ProxyProtocol' | 'XForwardedFor';
    trustedAddresses?: { type: 'CIDR' | 'IPAddress' | 'Hostname'; value: string }[];
    setIPRecursively?: boolean;
  };
}

/** One warning, filed under the input it is about. */
type Issue = { input: ResolveInputName; message: string };

/** An adapter's answer, in the resolver's terms. */
export interface GatewayStrategyResult {
  clientIp: string | null;
  steps: string[];
  issues: Issue[];
}

/** The NGINX Gateway Fabric release the strategy follows. */
const ngfVersion = 'v2.6.7';

/** The form input a configuration error's field comes from. */
function inputOfPath(path: string): ResolveInputName {
  if (path.includes('numTrustedHops')) return 'hops';
  if (path.includes('trustedCIDRs') || path.includes('trustedAddresses')) return 'trusted';
  if (path.includes('customHeader.name')) return 'header';
  return 'strategy';
}

/** An issue for an error thrown by a gateway configuration reader: refused by the implementation, or not modelled. */
function configIssue(error: unknown, refused: string): Issue {
  if (error instanceof GatewayConfigError) {
    return {
      input: inputOfPath(error.path),
      message:
        error.problem === 'not-modelled' ? `This guide does not answer for this setting: ${error.message}` : `${refused}: ${error.message}`,
    };
  }
  return { input: 'strategy', message: `${refused}: ${error instanceof Error ? error.message : String(error)}` };
}

/** Says, from the settings Envoy Gateway produced, what it configures Envoy with. */
function describeHcm(hcm: HcmConfig): string {
  const detection = hcm.originalIpDetection;
  if (detection === undefined)
    return `Envoy Gateway ${envoyGatewayVersion} without clientIPDetection runs Envoy with use_remote_address: true and no trusted hops: the client is the TCP peer.`;
  if ('customHeader' in detection) {
    const reject = detection.customHeader.rejectWithStatus;
    return `Envoy Gateway sets use_remote_address: false and Envoy's custom-header extension on ${detection.customHeader.headerName}${reject ? `, answering ${reject.code} when it holds no address (failClosed)` : ''}.`;
  }
  const xff = detection.xff;
  if (xff.xffTrustedCidrs !== undefined) {
    const cidrs = (xff.xffTrustedCidrs.cidrs ?? []).map((c) => `${c.addressPrefix}/${c.prefixLen}`).join(', ');
    return `Envoy Gateway sets use_remote_address: false and the XFF extension's xff_trusted_cidrs to ${cidrs}.`;
  }
  return `Envoy Gateway sets use_remote_address: false and the XFF extension's xff_num_trusted_hops to ${xff.xffNumTrustedHops ?? 0} (numTrustedHops minus one; 0 stays 0: listener.go).`;
}

/** The `envoy-gateway` strategy: Envoy Gateway's translation of clientIPDetection, then the Envoy engine. */
export function resolveEnvoyGateway(
  remoteAddr: unknown,
  headers: HeaderInput | undefined,
  strategy: Partial<EnvoyGatewayStrategy>,
): GatewayStrategyResult {
  const steps: string[] = [];
  const issues: Issue[] = [];
  const done = (clientIp: string | null): GatewayStrategyResult => ({ clientIp, steps, issues });
  const peer = readPeer(remoteAddr, issues);
  let hcm: HcmConfig;
  try {
    hcm = envoyGatewayHcmConfig({ clientIPDetection: strategy.clientIPDetection });
  } catch (error) {
    issues.push(configIssue(error, 'Envoy Gateway refuses this ClientTrafficPolicy (the API server rejects it, so no listener takes it)'));
    return done(null);
  }
  if (peer === null) return done(null);
  steps.push(describeHcm(hcm));
  const result = envoyMutateRequest({ peer, headers, config: hcm });
  if (result.configError !== null) {
    issues.push({ input: 'strategy', message: `Envoy refuses this configuration: ${result.configError}` });
    return done(null);
  }
  if (result.rejected !== null) {
    steps.push(...result.steps);
    issues.push({
      input: 'strategy',
      message: `failClosed: Envoy answers ${result.rejected.status} and forwards nothing, so no address is the client.`,
    });
    return done(null);
  }
  tellEngine(result, steps, issues);
  const detection = hcm.originalIpDetection;
  if (detection !== undefined && 'customHeader' in detection) {
    issues.push({
      input: 'header',
      message: `Any client can send ${detection.customHeader.headerName}: Envoy does not check who connected.`,
    });
  } else if (detection !== undefined && detection.xff.xffTrustedCidrs === undefined) {
    issues.push({
      input: 'hops',
      message:
        'numTrustedHops reads X-Forwarded-For whoever connected: a client that reaches the gateway without the load balancer chooses the answer.',
    });
  }
  if (detection !== undefined && 'xff' in detection && result.clientSource === 'peer' && joinedHeader(headers, 'x-forwarded-for') !== null)
    steps.push('No address was detected in X-Forwarded-For (too few entries, or one Envoy cannot read): Envoy keeps the peer.');
  return done(result.clientIp);
}

/** What resolve.ts runs for `nginx-gateway-fabric`: its own nginx-realip walk on these inputs, or this answer. */
export type NginxGatewayFabricPlan =
  | { kind: 'answer'; clientIp: string | null; steps: string[]; issues: Issue[] }
  | { kind: 'realip'; headers: HeaderInput; strategy: Extract<Strategy, { kind: 'nginx-realip' }>; steps: string[]; issues: Issue[] };

/**
 * The `nginx-gateway-fabric` strategy up to nginx's realip: NGF's checks of rewriteClientIP, the listener's PROXY
 * expectation, and the realip directives NGF writes, as an `nginx-realip` input for resolve.ts to walk.
 */
export function planNginxGatewayFabric(
  remoteAddr: unknown,
  headers: HeaderInput | undefined,
  proxyProtocolSource: unknown,
  strategy: Partial<NginxGatewayFabricStrategy>,
): NginxGatewayFabricPlan {
  const steps: string[] = [];
  const issues: Issue[] = [];
  const answer = (clientIp: string | null): NginxGatewayFabricPlan => ({ kind: 'answer', clientIp, steps, issues });
  let realip;
  try {
    realip = nginxGatewayFabricRealip(readNginxGatewayFabricConfig({ rewriteClientIP: strategy.rewriteClientIP }));
  } catch (error) {
    issues.push(
      configIssue(
        error,
        `NGINX Gateway Fabric ${ngfVersion} refuses this NginxProxy (it then runs without it, and $remote_addr stays the peer)`,
      ),
    );
    return answer(null);
  }
  const sourceText = typeof proxyProtocolSource === 'string' ? proxyProtocolSource.trim() : '';
  if (sourceText !== '' && !parseIp(sourceText).ok) {
    issues.push({ input: 'proxyProtocol', message: `The PROXY protocol source ${quote(sourceText)} is not an IP address.` });
    return answer(null);
  }
  const proxySource = sourceText === '' ? undefined : sourceText;
  const refusal = nginxGatewayFabricListenerRejection(realip, proxySource);
  if (refusal !== null) {
    steps.push(refusal.step);
    issues.push({ input: proxySource === undefined ? 'strategy' : 'proxyProtocol', message: `nginx ${refusal.rejection.reason}` });
    return answer(null);
  }
  if (proxySource !== undefined) steps.push(`The listener reads the PROXY header: $proxy_protocol_addr is ${proxySource}.`);
  const prepared = nginxGatewayFabricRealipInput(realip, headers, proxySource);
  if (prepared === null) {
    const peer = readPeer(remoteAddr, issues);
    if (peer !== null) steps.push(`No trustedAddresses, so NGF writes no realip directives: $remote_addr is the TCP peer ${peer}.`);
    return answer(peer);
  }
  steps.push(
    `NGF writes set_real_ip_from ${realip.setRealIpFrom.join(', ')}${realip.realIpHeader === null ? '' : `, real_ip_header ${realip.realIpHeader}`}${realip.realIpRecursive ? ', real_ip_recursive on' : ''}.`,
    ...prepared.steps,
  );
  return { kind: 'realip', headers: prepared.headers, strategy: prepared.strategy, steps, issues };
}
