/**
 * The HTTP connection manager's choice of client and its forwarding headers
 * (Envoy v1.39.0 source/common/http/conn_manager_utility.cc
 * mutateRequestHeaders, source/extensions/filters/network/http_connection_manager/config.cc).
 * A pure function from the TCP peer, the request's headers and the
 * configuration to the trusted client address, the client-IP headers sent
 * upstream and the steps taken. Other headers are not modelled.
 */
import type { HeaderInput } from '../forwarded-list.ts';
import { quote } from '../text.ts';
import { isEnvoyBuiltinInternal, isEnvoyLoopback, parseEnvoyAddress, type EnvoyAddress } from './address.ts';
import { compileCidrs, findCidr, type CidrRange, type CompiledCidr } from './cidr.ts';
import { detectCustomHeader, type CustomHeaderConfig } from './custom-header.ts';
import type { DetectionResult } from './detection.ts';
import { appendToHeader, joinedHeader, lastAddressFromXff } from './xff.ts';
import { buildXffExtension, detectXff, type XffConfig } from './xff-extension.ts';

/** The connection manager's client-IP settings, spelled as in Envoy's configuration. */
export interface HcmConfig {
  /** Default false. */
  useRemoteAddress?: boolean;
  /** Default 0. */
  xffNumTrustedHops?: number;
  /** Default false; applies only with useRemoteAddress. */
  skipXffAppend?: boolean;
  /** Absent: no address is internal (Envoy 1.33 and later). Present without ranges: Envoy's built-in private ranges. */
  internalAddressConfig?: { cidrRanges?: CidrRange[] };
  /** One original IP detection extension (Envoy takes a list; this guide models one). Not allowed with useRemoteAddress or xffNumTrustedHops. */
  originalIpDetection?: { xff: XffConfig } | { customHeader: CustomHeaderConfig };
  /** Envoy's own address on the connection: appended instead of a loopback peer. */
  localAddress?: string;
}

/** The input: the TCP peer (after any PROXY protocol listener filter), the received headers, the configuration. */
export interface EnvoyInput {
  peer: string;
  headers?: HeaderInput;
  config: HcmConfig;
}

/** The client-IP headers Envoy sends upstream; a name is absent when Envoy sends no such header. */
export interface EnvoyUpstreamHeaders {
  'x-forwarded-for'?: string;
  'x-envoy-external-address'?: string;
  'x-envoy-internal'?: string;
}

/** What Envoy does with the request. */
export interface EnvoyResult {
  /** The trusted client address (what access logs and RBAC see), or null when the request is refused or the configuration is. */
  clientIp: string | null;
  /** Where the client address came from: the TCP peer, or a header Envoy read (X-Forwarded-For or the custom header). */
  clientSource: 'peer' | 'header' | null;
  /** Whether Envoy counts the request as internal (then it sets x-envoy-internal: true). */
  internal: boolean;
  /** An edge request: useRemoteAddress and not internal (then x-envoy-external-address is set). */
  edge: boolean;
  upstreamHeaders: EnvoyUpstreamHeaders;
  /** Set when an extension refuses the request: Envoy answers with this status and forwards nothing. */
  rejected: { status: number } | null;
  /** Set when Envoy would refuse the configuration: nothing else applies. */
  configError: string | null;
  steps: string[];
  warnings: string[];
}

/** How "internal" is decided: nothing, Envoy's built-in private ranges, or the configured ranges. */
type InternalRule = { kind: 'none' } | { kind: 'builtin' } | { kind: 'ranges'; cidrs: CompiledCidr[] };

/** A detection step the connection manager runs: a name for the steps and the extension's detect. */
interface Detector {
  name: string;
  detect: (peer: EnvoyAddress) => DetectionResult;
}

/** Whether an address is internal under the rule. */
function isInternal(rule: InternalRule, address: EnvoyAddress): string | null {
  if (rule.kind === 'none') return null;
  if (rule.kind === 'builtin') return isEnvoyBuiltinInternal(address) ? "Envoy's built-in private ranges" : null;
  const range = findCidr(rule.cidrs, address);
  return range ? range.text : null;
}

/** A refused input or configuration, or a request an extension rejected: nothing is forwarded. */
function failure(configError: string | null, steps: string[], warnings: string[], rejected: EnvoyResult['rejected'] = null): EnvoyResult {
  return {
    clientIp: null,
    clientSource: null,
    internal: false,
    edge: false,
    upstreamHeaders: {},
    rejected,
    configError,
    steps,
    warnings,
  };
}

/** Reads a uint32 setting; Envoy's configuration refuses anything else. */
function readUint32(value: unknown, name: string): number | string {
  if (value === undefined) return 0;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff
    ? value
    : `${name} must be a whole number from 0 to 4294967295, not ${quote(String(value))}.`;
}

/**
 * Runs the connection manager on one request: picks the trusted client
 * address, decides internal or edge, and mutates X-Forwarded-For,
 * x-envoy-external-address and x-envoy-internal as Envoy does. Never throws.
 */
export function envoyMutateRequest(input: EnvoyInput): EnvoyResult {
  const steps: string[] = [];
  const warnings: string[] = [];
  const config: HcmConfig = input && typeof input.config === 'object' && input.config ? input.config : {};
  const useRemoteAddress = config.useRemoteAddress === true;
  const hops = readUint32(config.xffNumTrustedHops, 'xff_num_trusted_hops');
  if (typeof hops === 'string') return failure(hops, steps, warnings);

  // The configuration first: Envoy refuses these at load time.
  let internalRule: InternalRule = { kind: 'none' };
  if (config.internalAddressConfig) {
    const { cidrs, problems } = compileCidrs(config.internalAddressConfig.cidrRanges);
    if (problems.length > 0) {
      return failure(
        `internal_address_config: invalid ip/mask combo ${problems.map((p) => `${p.text} (${p.reason})`).join(', ')}.`,
        steps,
        warnings,
      );
    }
    internalRule = cidrs.length > 0 ? { kind: 'ranges', cidrs } : { kind: 'builtin' };
  }
  const detectors: Detector[] = [];
  if (config.originalIpDetection) {
    if (useRemoteAddress) return failure('Original IP detection extensions and use_remote_address may not be mixed.', steps, warnings);
    if (hops > 0) return failure('Original IP detection extensions and xff_num_trusted_hops may not be mixed.', steps, warnings);
    const spec = config.originalIpDetection;
    if ('xff' in spec && spec.xff) {
      const extension = buildXffExtension(spec.xff);
      if (!extension.ok) return failure(extension.error, steps, warnings);
      for (const problem of extension.ignoredCidrs) {
        warnings.push(`xff_trusted_cidrs entry ${problem.text} is skipped without a word by Envoy: ${problem.reason}.`);
      }
      if (extension.cidrsConfigured && extension.trustedCidrs.length === 0) {
        warnings.push(
          'xff_trusted_cidrs holds no usable range: Envoy then ignores the peer and takes the rightmost X-Forwarded-For entry, which any client can write.',
        );
      }
      detectors.push({ name: 'the XFF extension', detect: (peer) => detectXff(extension, { headers: input.headers, peer }) });
    } else if (
      'customHeader' in spec &&
      spec.customHeader &&
      typeof spec.customHeader.headerName === 'string' &&
      spec.customHeader.headerName !== ''
    ) {
      const custom = spec.customHeader;
      detectors.push({
        name: `the custom-header extension (${custom.headerName})`,
        detect: (peer) => detectCustomHeader(custom, { headers: input.headers, peer }),
      });
    } else {
      return failure('originalIpDetection must hold xff or customHeader (with a headerName).', steps, warnings);
    }
  } else if (!useRemoteAddress) {
    // Without extensions, the connection manager runs the XFF extension with its own hop count; skip_xff_append is left unset, so true.
    const extension = buildXffExtension({ xffNumTrustedHops: hops });
    if (extension.ok) detectors.push({ name: 'X-Forwarded-For', detect: (peer) => detectXff(extension, { headers: input.headers, peer }) });
  }

  const peerText = typeof input?.peer === 'string' ? input.peer.trim() : '';
  const peerParsed = parseEnvoyAddress(peerText);
  if (!peerParsed.ok) return failure(null, [`The peer ${quote(peerText)} is not an IP address: ${peerParsed.reason}.`], warnings);
  const peer = peerParsed.address;
  steps.push(`The TCP peer is ${peer.text}.`);

  let xff = joinedHeader(input.headers, 'x-forwarded-for');
  let externalAddress = joinedHeader(input.headers, 'x-envoy-external-address');
  if (joinedHeader(input.headers, 'x-envoy-internal') !== null)
    steps.push('The received x-envoy-internal is removed, as on every request.');

  const appendPeer = (): void => {
    if (isEnvoyLoopback(peer)) {
      const local = config.localAddress === undefined ? null : parseEnvoyAddress(config.localAddress.trim());
      if (local?.ok) {
        xff = appendToHeader(xff, local.address.text);
        steps.push(`The peer is loopback, so Envoy appends its own address ${local.address.text} to X-Forwarded-For.`);
      } else {
        warnings.push(
          'The peer is loopback: Envoy appends its own listener address instead, and none was given, so X-Forwarded-For is shown without it.',
        );
      }
      return;
    }
    xff = appendToHeader(xff, peer.text);
    steps.push(`Envoy appends the peer ${peer.text} to X-Forwarded-For.`);
  };

  let final: EnvoyAddress | null = null;
  let allowTrustedAddressChecks = false;
  if (useRemoteAddress) {
    steps.push(`use_remote_address is true, xff_num_trusted_hops is ${hops}.`);
    allowTrustedAddressChecks = xff === null;
    if (hops > 0) {
      const reading = lastAddressFromXff(xff, hops - 1);
      steps.push(
        `With ${hops} trusted ${hops === 1 ? 'hop' : 'hops'}, entry ${hops} from the right of the received X-Forwarded-For is the client. ${reading.note}`,
      );
      final = reading.address;
    }
    if (final === null) {
      steps.push(`The peer ${peer.text} is the client.`);
      final = peer;
    }
    if (config.skipXffAppend === true) steps.push('skip_xff_append is true: X-Forwarded-For is passed on unchanged.');
    else appendPeer();
  } else {
    steps.push(
      config.originalIpDetection
        ? 'use_remote_address is false; an original IP detection extension decides.'
        : `use_remote_address is false, xff_num_trusted_hops is ${hops}.`,
    );
    for (const detector of detectors) {
      const result = detector.detect(peer);
      steps.push(...result.steps);
      if (result.reject) {
        return failure(null, steps, warnings, result.reject);
      }
      if (!result.skipXffAppend) appendPeer();
      if (result.address) {
        final = result.address;
        allowTrustedAddressChecks = result.allowTrustedAddressChecks;
        break;
      }
    }
    if (final === null) steps.push(`Nothing was detected, so the peer ${peer.text} is the client.`);
  }

  const internalBecause = allowTrustedAddressChecks && final !== null ? isInternal(internalRule, final) : null;
  const internal = internalBecause !== null;
  const clientSource = final === null ? 'peer' : final === peer ? 'peer' : 'header';
  final ??= peer;
  const edge = !internal && useRemoteAddress;
  if (internal) {
    steps.push(`The request is internal (${final.text} is in ${internalBecause}): x-envoy-internal: true.`);
  } else if (allowTrustedAddressChecks) {
    steps.push(
      internalRule.kind === 'none'
        ? 'No internal_address_config: since Envoy 1.33 no address counts as internal.'
        : `${final.text} is not an internal address, so the request is external.`,
    );
  }
  if (edge) {
    externalAddress = final.text;
    steps.push(`An edge request: x-envoy-external-address is set to ${final.text}.`);
  } else if (externalAddress !== null) {
    steps.push('Not an edge request: a received x-envoy-external-address is passed on unchanged.');
  }

  const upstreamHeaders: EnvoyUpstreamHeaders = {};
  if (xff !== null) upstreamHeaders['x-forwarded-for'] = xff;
  if (externalAddress !== null) upstreamHeaders['x-envoy-external-address'] = externalAddress;
  if (internal) upstreamHeaders['x-envoy-internal'] = 'true';
  return { clientIp: final.text, clientSource, internal, edge, upstreamHeaders, rejected: null, configError: null, steps, warnings };
}
