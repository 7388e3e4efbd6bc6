/**
 * The answer fields every scenario widget shows, as plain data: the
 * `data-field` names and machine-readable `data-value`s that tests, claims and
 * anyone automating the site rely on. One function serves the server render,
 * the browser update and the claim check, so they cannot disagree.
 */
import type { Address, Place, SourceRangesCheck, Trace } from '../model/index.ts';
import { formatValues, headerEntryText, hopKindNames, placeNames, roleName } from '../model/index.ts';
import { serviceTypeOf } from '../model/scenarios/external-entry.ts';
import { isCloudProvider, providerPath } from '../model/cloud/load-balancers.ts';
import { providers } from '../model/cloud/providers.ts';
import { isCiliumMode } from '../model/cilium.ts';
import { clientOutcome, strayReply } from './outcome.ts';

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

/** The gateway scenario's extra answer fields, after the common ones: the X-Envoy-External-Address the app received, and the gateway's own client. */
export const gatewayFieldNames = [
  'xEnvoyExternalAddress',
  'xEnvoyExternalAddress.role',
  'clientIpAtGateway',
  'clientIpAtGateway.role',
] as const;

/**
 * The extra answer fields of every path through a load balancer, after the others (so answers recorded before them are
 * a prefix of today's): the address `spec.loadBalancerSourceRanges` is compared with and its role, both empty where
 * nothing on the path compares it; the text names who compares it, or why no one does.
 */
export const sourceRangesFieldNames = ['sourceRangesSee', 'sourceRangesSee.role'] as const;

/** One of the answer fields. */
export type FieldName = (typeof fieldNames)[number] | (typeof gatewayFieldNames)[number] | (typeof sourceRangesFieldNames)[number];

/** The scenarios whose path goes through a load balancer, and so through `spec.loadBalancerSourceRanges`. */
const throughLoadBalancer: readonly string[] = ['loadbalancer', 'ingress', 'gateway'];

/** The answer fields a scenario's answer holds, in order: every scenario's, the gateway's own, then the load balancer's. */
export function fieldNamesOf(scenario: string): readonly FieldName[] {
  return [
    ...fieldNames,
    ...(scenario === 'gateway' ? gatewayFieldNames : []),
    ...(throughLoadBalancer.includes(scenario) ? sourceRangesFieldNames : []),
  ];
}

/** A field's machine-readable value and the text a reader sees. */
export interface FieldValue {
  value: string;
  text: string;
}

/** True for a field name of the contract. */
export function isFieldName(text: string): text is FieldName {
  return [...fieldNames, ...gatewayFieldNames, ...sourceRangesFieldNames].includes(text as FieldName);
}

/** The value every "seen by the app" field has when the request never reaches the app: distinct from "header not sent" (''). */
const NOT_DELIVERED = 'not-delivered';

/** The health check field's value for a Service type that has no health check node port (a NodePort Service). */
const NO_HEALTH_CHECK_NODE_PORT = 'none-for-service-type';

/** The health check field: the entry node's answer, or why there is no health check node port. */
function healthCheckField(trace: Trace): FieldValue {
  if (trace.healthCheck) {
    return {
      value: String(trace.healthCheck.status),
      text: `${trace.healthCheck.status} (localEndpoints: ${trace.healthCheck.localEndpoints})`,
    };
  }
  if (trace.id === 'gateway' && trace.params.implementation === 'cilium') {
    return { value: '', text: 'not modelled: Cilium’s datapath hands the connection to the node’s Envoy on every node' };
  }
  const serviceType = (serviceTypeOf as Record<string, string | undefined>)[trace.id];
  if (serviceType === 'NodePort') {
    return {
      value: NO_HEALTH_CHECK_NODE_PORT,
      text: 'none: a NodePort Service has no health check node port (Kubernetes gives one only to type LoadBalancer with Local)',
    };
  }
  if (serviceType === undefined) return { value: '', text: 'none: no Service of type LoadBalancer on this path' };
  const cloud = trace.params.cloud ?? 'generic';
  if (isCloudProvider(cloud)) {
    // A provider that sends to the pods, or fronts an Ingress, checks the pods or its own target group, not a node's port.
    const path = providerPath(cloud, trace.params.proxyProtocol === 'true');
    if (path.target === 'pod-ip' || path.serviceType === 'NodePort')
      return { value: '', text: 'none: this load balancer checks its own targets, not a health check node port' };
  }
  return { value: '', text: 'none: only with externalTrafficPolicy: Local' };
}

/** How the source ranges field names each checker. */
function checkerWords(check: SourceRangesCheck & { at: Place }, trace: Trace): string {
  const at = placeNames[check.at];
  switch (check.by) {
    case 'load-balancer': {
      const cloud = trace.params.cloud ?? 'generic';
      return isCloudProvider(cloud) ? providers[cloud].sourceRanges.enforcedBy : 'the load balancer’s firewall';
    }
    case 'kube-proxy':
      return `kube-proxy on ${at}, because the packet there is still addressed to the load balancer IP`;
    case 'cilium':
      return `Cilium on ${at}, because the packet there is still addressed to the load balancer IP`;
  }
}

/**
 * The source ranges fields: the address the checks on the path compare with `spec.loadBalancerSourceRanges`, and its
 * role (every check on one path sees the same address: a load balancer that replaces the source sends to a NodePort or
 * a pod, which no node checks), read from the hops that recorded a check; both empty when none did.
 */
function sourceRangesFields(trace: Trace): Record<(typeof sourceRangesFieldNames)[number], FieldValue> {
  const checks = trace.hops.flatMap((hop) => (hop.sourceRangesCheck ? [{ ...hop.sourceRangesCheck, at: hop.at }] : []));
  const first = checks[0];
  if (first) {
    const by = checks.map((check) => checkerWords(check, trace)).join(', and by ');
    return {
      sourceRangesSee: { value: first.compares.ip, text: `${first.compares.ip}, checked by ${by}` },
      'sourceRangesSee.role': { value: first.compares.role, text: roleName(first.compares.role, trace.id) },
    };
  }
  const notChecked = (why: string) => ({
    sourceRangesSee: { value: '', text: `not checked: ${why}` },
    'sourceRangesSee.role': { value: '', text: '—' },
  });
  const cloud = trace.params.cloud ?? 'generic';
  const inside = trace.params.source !== undefined && trace.params.source !== 'external';
  if (inside && isCiliumMode(trace.params.proxyMode ?? '')) return notChecked('Cilium ignores the ranges for callers inside the cluster');
  const nodes = 'kube-proxy checks only packets still addressed to the load balancer IP, and none reaches a node';
  if (!isCloudProvider(cloud)) return notChecked(`${nodes}; whether the load balancer checks them itself depends on its controller`);
  const front = providers[cloud].sourceRanges.enforcedBy;
  // The catalogue's "nothing: …" already says why no one checks; anything else names the provider's own filter.
  const nothing = /^nothing(?: on this path)?: /;
  return notChecked(nothing.test(front) ? front.replace(nothing, '') : `${nodes}; the load balancer filters with ${front}`);
}

/**
 * Every field's value for a trace. A header the app did not receive has the empty value; when the request never
 * reaches the app, every field of what the app sees has the value `not-delivered` and says what the client got.
 */
export function fieldValues(trace: Trace): Record<FieldName, FieldValue> {
  const o = trace.observed;
  const outcome = clientOutcome(trace);
  const none: FieldValue = { value: '', text: '—' };
  // The delivered row says what the client got; the rows below only say that nothing reached the app.
  const notDelivered: FieldValue = { value: NOT_DELIVERED, text: 'nothing: not delivered' };
  const notDeliveredRole: FieldValue = { value: NOT_DELIVERED, text: '—' };
  const ip = (a: Address | null | undefined): FieldValue => (a ? { value: a.ip, text: a.ip } : none);
  const role = (a: Address | null | undefined): FieldValue => (a ? { value: a.role, text: roleName(a.role, trace.id) } : none);
  const xff = o?.xForwardedFor ?? null;
  const seen: Record<
    Exclude<FieldName, 'delivered' | 'dropReason' | 'healthCheck' | (typeof sourceRangesFieldNames)[number]>,
    FieldValue
  > = o
    ? {
        remoteAddr: ip(o.remoteAddr),
        'remoteAddr.role': role(o.remoteAddr),
        xForwardedFor: xff ? { value: xff.map(headerEntryText).join(','), text: formatValues(xff) } : { value: '', text: 'not sent' },
        'xForwardedFor.roles': xff
          ? { value: xff.map((a) => a.role).join(' '), text: xff.map((a) => roleName(a.role, trace.id)).join(', ') }
          : none,
        xRealIp: o.xRealIp ? ip(o.xRealIp) : { value: '', text: 'not sent' },
        'xRealIp.role': role(o.xRealIp),
        proxyProtocol: o.proxyProtocol ? ip(o.proxyProtocol) : { value: '', text: 'none' },
        'proxyProtocol.role': role(o.proxyProtocol),
        xEnvoyExternalAddress: o.xEnvoyExternalAddress ? ip(o.xEnvoyExternalAddress) : { value: '', text: 'not sent' },
        'xEnvoyExternalAddress.role': role(o.xEnvoyExternalAddress),
        clientIpAtGateway: ip(o.clientIpAtGateway),
        'clientIpAtGateway.role': role(o.clientIpAtGateway),
      }
    : {
        remoteAddr: notDelivered,
        'remoteAddr.role': notDeliveredRole,
        xForwardedFor: notDelivered,
        'xForwardedFor.roles': notDeliveredRole,
        xRealIp: notDelivered,
        'xRealIp.role': notDeliveredRole,
        proxyProtocol: notDelivered,
        'proxyProtocol.role': notDeliveredRole,
        xEnvoyExternalAddress: notDelivered,
        'xEnvoyExternalAddress.role': notDeliveredRole,
        clientIpAtGateway: notDelivered,
        'clientIpAtGateway.role': notDeliveredRole,
      };
  return {
    delivered: trace.delivered
      ? { value: 'true', text: 'Yes' }
      : { value: 'false', text: `No: ${outcome?.phrase ?? `stopped at ${placeNames[trace.hops.at(-1)?.at ?? 'client']}`}` },
    dropReason: trace.dropCode ? { value: trace.dropCode, text: trace.dropReason ?? '' } : none,
    ...seen,
    healthCheck: healthCheckField(trace),
    ...sourceRangesFields(trace),
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
  const reply = strayReply(trace);
  return trace.hops.map((hop, i) => ({
    step: String(i + 1),
    at: placeNames[hop.at],
    kind: hopKindNames[hop.kind],
    // A stray reply's row shows the reply's own addresses, as the sequence diagram does.
    src:
      i === reply?.index
        ? `reply from ${reply.src.ip} (${roleName(reply.src.role, trace.id)})`
        : `${hop.src.ip} (${roleName(hop.src.role, trace.id)})`,
    dst:
      i === reply?.index
        ? `${reply.dst.ip} (${roleName(reply.dst.role, trace.id)})`
        : `${hop.dst.ip} (${roleName(hop.dst.role, trace.id)})`,
    headers: [
      ...(hop.proxyProtocol ? [`PROXY: ${hop.proxyProtocol.ip}`] : []),
      ...hop.headers.map((line) => `${line.name}: ${formatValues(line.values)}`),
    ].join('\n'),
    what: hop.what,
  }));
}
