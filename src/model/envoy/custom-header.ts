/**
 * The custom-header original IP detection extension
 * (envoy.http.original_ip_detection.custom_header; Envoy v1.39.0
 * source/extensions/http/original_ip_detection/custom_header/custom_header.cc):
 * the named header's first value, read whole as one address. For a header
 * Envoy holds inline (X-Forwarded-For among them) that value is all its lines
 * joined with ",", so a repeated header is no address; for any other, the first
 * line. It never appends to X-Forwarded-For.
 */
import { quote } from '../text.ts';
import { firstEnvoyHeaderValue } from './inline-headers.ts';
import { parseEnvoyAddress } from './address.ts';
import type { DetectionParams, DetectionResult } from './detection.ts';

/** CustomHeaderConfig as Envoy's configuration spells it. */
export interface CustomHeaderConfig {
  headerName: string;
  allowExtensionToSetAddressAsTrusted?: boolean;
  /** Answer with this status when no address is found; a code outside 400–511 becomes 403. */
  rejectWithStatus?: { code: number };
}

/** The status Envoy answers with: the configured code when it is an error code (400–511), else 403 (toErrorCode). */
export function rejectStatus(code: number): number {
  return Number.isInteger(code) && code >= 400 && code <= 511 ? code : 403;
}

/** CustomHeaderIPDetection::detect. */
export function detectCustomHeader(config: CustomHeaderConfig, params: DetectionParams): DetectionResult {
  const steps: string[] = [];
  const reject = config.rejectWithStatus ? { status: rejectStatus(config.rejectWithStatus.code) } : null;
  const value = firstEnvoyHeaderValue(params.headers, config.headerName);
  const failed = (why: string): DetectionResult => {
    steps.push(reject ? `${why}: the request is refused with status ${reject.status}.` : `${why}: nothing is detected.`);
    return { address: null, allowTrustedAddressChecks: false, reject, skipXffAppend: true, steps };
  };
  if (value === null) return failed(`There is no ${config.headerName} header`);
  const parsed = parseEnvoyAddress(value);
  if (!parsed.ok) return failed(`${config.headerName} holds ${quote(value)}, which is not an address (${parsed.reason})`);
  steps.push(`${config.headerName} holds ${parsed.address.text}: that is the client.`);
  return {
    address: parsed.address,
    allowTrustedAddressChecks: config.allowExtensionToSetAddressAsTrusted === true,
    reject: null,
    skipXffAppend: true,
    steps,
  };
}
