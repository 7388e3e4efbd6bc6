/**
 * The XFF original IP detection extension (envoy.http.original_ip_detection.xff;
 * Envoy v1.39.0 source/extensions/http/original_ip_detection/xff/xff.cc,
 * api/envoy/extensions/http/original_ip_detection/xff/v3/xff.proto). The HTTP
 * connection manager also runs it, with its own xff_num_trusted_hops, when
 * no extension is configured and use_remote_address is false.
 */
import { compileCidrs, findCidr, type CidrProblem, type CidrRange, type CompiledCidr } from './cidr.ts';
import type { DetectionParams, DetectionResult } from './detection.ts';
import { joinedHeader, lastAddressFromXff, lastNonTrustedAddressFromXff, type XffReading } from './xff.ts';

/** XffConfig as Envoy's configuration spells it. */
export interface XffConfig {
  xffNumTrustedHops?: number;
  xffTrustedCidrs?: { cidrs?: CidrRange[] };
  /** A BoolValue: unset means true (XFF is not appended), unlike the connection manager's own skip_xff_append. */
  skipXffAppend?: boolean;
}

/** The extension as built from its configuration, or why Envoy refuses the configuration. */
export type XffExtension =
  | { ok: true; hops: number; trustedCidrs: CompiledCidr[]; skipXffAppend: boolean; ignoredCidrs: CidrProblem[]; cidrsConfigured: boolean }
  | { ok: false; error: string };

/** Builds the extension as XffIPDetection::create does: hops and CIDRs together are refused; CIDRs Envoy cannot read are left out silently. */
export function buildXffExtension(config: XffConfig): XffExtension {
  const hops = config.xffNumTrustedHops ?? 0;
  if (!Number.isInteger(hops) || hops < 0 || hops > 0xffffffff) {
    return { ok: false, error: `xff_num_trusted_hops must be a whole number from 0 to 4294967295, not ${String(hops)}.` };
  }
  const cidrsConfigured = config.xffTrustedCidrs !== undefined;
  if (cidrsConfigured && hops > 0) return { ok: false, error: 'Cannot set both xff_num_trusted_hops and xff_trusted_cidrs.' };
  const { cidrs, problems } = compileCidrs(config.xffTrustedCidrs?.cidrs);
  return { ok: true, hops, trustedCidrs: cidrs, skipXffAppend: config.skipXffAppend ?? true, ignoredCidrs: problems, cidrsConfigured };
}

/** What an X-Forwarded-For reading detected: its address, whether it may decide "internal", and no rejection. */
function detectedFromXff(reading: XffReading, skipXffAppend: boolean, steps: string[]): DetectionResult {
  return { address: reading.address, allowTrustedAddressChecks: reading.allowTrustedAddressChecks, reject: null, skipXffAppend, steps };
}

/** XffIPDetection::detect: trusted CIDRs when any were read, else the hop count. */
export function detectXff(extension: Extract<XffExtension, { ok: true }>, params: DetectionParams): DetectionResult {
  const xff = joinedHeader(params.headers, 'x-forwarded-for');
  const steps: string[] = [];
  if (extension.trustedCidrs.length > 0) {
    const range = findCidr(extension.trustedCidrs, params.peer);
    if (!range) {
      steps.push(
        `The peer ${params.peer.text} is not in xff_trusted_cidrs: nothing is detected, and X-Forwarded-For gets the peer appended whatever skip_xff_append says.`,
      );
      return { address: null, allowTrustedAddressChecks: false, reject: null, skipXffAppend: false, steps };
    }
    steps.push(`The peer ${params.peer.text} is trusted (in ${range.text}); X-Forwarded-For is walked from the right.`);
    const reading = lastNonTrustedAddressFromXff(xff, extension.trustedCidrs);
    steps.push(...reading.walked, reading.note);
    return detectedFromXff(reading, extension.skipXffAppend, steps);
  }
  if (extension.cidrsConfigured) steps.push('xff_trusted_cidrs holds no range Envoy can read, so the extension counts hops instead (0).');
  const reading = lastAddressFromXff(xff, extension.hops);
  steps.push(
    extension.hops === 0
      ? `With ${extension.hops} trusted hops the rightmost X-Forwarded-For entry is the client. ${reading.note}`
      : `With ${extension.hops} trusted ${extension.hops === 1 ? 'hop' : 'hops'} entry ${extension.hops + 1} from the right is the client. ${reading.note}`,
  );
  return detectedFromXff(reading, extension.skipXffAppend, steps);
}
