/**
 * The answer fields every scenario widget shows, as plain data: the
 * `data-field` names and machine-readable `data-value`s that tests, claims and
 * anyone automating the site rely on. One function serves the server render,
 * the browser update and the claim check, so they cannot disagree.
 */
import type { Address, Trace } from '../model/index.ts';
import { hopKindNames, placeNames } from '../model/index.ts';

/** The answer fields, in the order the answer table shows them. A stable contract: never rename one. */
export const fieldNames = [
  'delivered',
  'dropReason',
  'remoteAddr',
  'remoteAddr.role',
  'xForwardedFor',
  'xForwardedFor.roles',
  'xRealIp',
  'xRealIp.role',
  'proxyProtocol',
  'proxyProtocol.role',
  'healthCheck',
] as const;

/** One of the answer fields. */
export type FieldName = (typeof fieldNames)[number];

/** A field's machine-readable value and the text a reader sees. */
export interface FieldValue {
  value: string;
  text: string;
}

/** The human name of a role, for answer tables. */
export const roleNames: Record<Address['role'], string> = {
  client: 'the client',
  'source-pod': 'the calling pod',
  'load-balancer': 'the load balancer',
  'entry-node': 'the entry node',
  'entry-node-bridge': 'the entry node’s pod-network gateway',
  'endpoint-node': 'the endpoint’s node',
  'ingress-pod': 'the ingress controller pod',
  spoofed: 'a forged address',
  'app-pod': 'the app pod',
  'cluster-ip': 'the ClusterIP',
  'node-port': 'a node’s NodePort',
  'lb-vip': 'the load balancer IP',
};

/** True for a field name of the contract. */
export function isFieldName(text: string): text is FieldName {
  return (fieldNames as readonly string[]).includes(text);
}

/** Every field's value for a trace. Absent things have the empty value and a dash as text. */
export function fieldValues(trace: Trace): Record<FieldName, FieldValue> {
  const o = trace.observed;
  const none: FieldValue = { value: '', text: '—' };
  const ip = (a: Address | null | undefined): FieldValue => (a ? { value: a.ip, text: a.ip } : none);
  const role = (a: Address | null | undefined): FieldValue => (a ? { value: a.role, text: roleNames[a.role] } : none);
  const xff = o?.xForwardedFor ?? null;
  return {
    delivered: trace.delivered
      ? { value: 'true', text: 'Yes' }
      : { value: 'false', text: `No: dropped at ${placeNames[trace.hops.at(-1)?.at ?? 'client']}` },
    dropReason: trace.dropCode ? { value: trace.dropCode, text: trace.dropReason ?? '' } : none,
    remoteAddr: ip(o?.remoteAddr),
    'remoteAddr.role': role(o?.remoteAddr),
    xForwardedFor: xff ? { value: xff.map((a) => a.ip).join(','), text: xff.map((a) => a.ip).join(', ') } : { value: '', text: 'not sent' },
    'xForwardedFor.roles': xff ? { value: xff.map((a) => a.role).join(' '), text: xff.map((a) => roleNames[a.role]).join(', ') } : none,
    xRealIp: o?.xRealIp ? ip(o.xRealIp) : { value: '', text: 'not sent' },
    'xRealIp.role': role(o?.xRealIp),
    proxyProtocol: o?.proxyProtocol ? ip(o.proxyProtocol) : { value: '', text: 'none' },
    'proxyProtocol.role': role(o?.proxyProtocol),
    healthCheck: trace.healthCheck
      ? {
          value: String(trace.healthCheck.status),
          text: `${trace.healthCheck.status} (localEndpoints: ${trace.healthCheck.localEndpoints})`,
        }
      : { value: '', text: 'none (only with externalTrafficPolicy: Local)' },
  };
}

/** One row of the hop table: step number, where, what kind, source, destination, headers, and what happened. */
export interface HopRow {
  step: string;
  at: string;
  kind: string;
  src: string;
  dst: string;
  headers: string;
  what: string;
}

/** The hop table's rows for a trace: the accessible text version of both diagrams. */
export function hopRows(trace: Trace): HopRow[] {
  return trace.hops.map((hop, i) => ({
    step: String(i + 1),
    at: placeNames[hop.at],
    kind: hopKindNames[hop.kind],
    src: `${hop.src.ip} (${roleNames[hop.src.role]})`,
    dst: `${hop.dst.ip} (${roleNames[hop.dst.role]})`,
    headers: [
      ...(hop.proxyProtocol ? [`PROXY: ${hop.proxyProtocol.ip}`] : []),
      ...hop.headers.map((line) => `${line.name}: ${line.values.map((v) => v.ip).join(', ')}`),
    ].join('\n'),
    what: hop.what,
  }));
}
