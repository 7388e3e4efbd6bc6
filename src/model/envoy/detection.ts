/**
 * What an original IP detection extension returns (Envoy v1.39.0,
 * envoy/http/original_ip_detection.h OriginalIPDetectionResult), as plain data.
 */
import type { HeaderInput } from '../forwarded-list.ts';
import type { EnvoyAddress } from './address.ts';

/** The input of an extension: the request's headers and the TCP peer. */
export interface DetectionParams {
  headers: HeaderInput | undefined;
  peer: EnvoyAddress;
}

/** An extension's answer: the address it detected (null: none), whether it may decide "internal", a rejection, and whether to leave XFF alone. */
export interface DetectionResult {
  address: EnvoyAddress | null;
  allowTrustedAddressChecks: boolean;
  /** Set when the request is to be answered with this status instead of being forwarded. */
  reject: { status: number } | null;
  skipXffAppend: boolean;
  steps: string[];
}
