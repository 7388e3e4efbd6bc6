/**
 * kube-proxy's health check node port (src/model/kube-proxy.ts: hasHealthCheckNodePort, healthCheckOn) against
 * k8s.io/kubernetes v1.37.2 (the pinned Go module): pkg/proxy/healthcheck/service_health.go (hcHandler.ServeHTTP answers
 * 200 when the node has a local endpoint and kube-proxy is healthy, else 503, with "localEndpoints" in its JSON body;
 * TestServer in pkg/proxy/healthcheck/healthcheck_test.go expects 503 with 0 endpoints and 200 with some), and the API's
 * validation of healthCheckNodePort. Every expectation is written by hand, never computed by the model.
 */
import { describe, expect, it } from 'vitest';
import { hasHealthCheckNodePort } from '../../src/model/kube-proxy.ts';
import { traced } from './helpers.ts';

describe('the health check node port (type LoadBalancer with Local only)', () => {
  it('answers 200 with localEndpoints 1 on the node with the endpoint', () => {
    expect(traced('loadbalancer', { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' }).healthCheck).toEqual({
      status: 200,
      localEndpoints: 1,
    });
  });
  it('answers 503 (not 500) with localEndpoints 0 on the node without', () => {
    expect(traced('loadbalancer', { externalTrafficPolicy: 'Local' }).healthCheck).toEqual({ status: 503, localEndpoints: 0 });
  });
  it('the ingress controller’s Service is type LoadBalancer: it has one too', () => {
    expect(traced('ingress', { externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' }).healthCheck).toEqual({
      status: 200,
      localEndpoints: 1,
    });
  });
  it('does not exist with Cluster', () => {
    expect(traced('loadbalancer').healthCheck).toBeUndefined();
    expect(traced('nodeport').healthCheck).toBeUndefined();
  });
  it('does not exist on a Service of type NodePort, Local or not: the API refuses healthCheckNodePort there', () => {
    // k8s.io/kubernetes v1.37.2 pkg/apis/core/validation/validation.go lines 7272-7276: "may only be set when `type`
    // is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'" (NeedsHealthCheck, pkg/api/service/util.go lines 88-93).
    for (const entry of ['node-with-endpoint', 'node-without-endpoint'])
      for (const proxyMode of ['iptables', 'nftables', 'ipvs'])
        expect(
          traced('nodeport', { externalTrafficPolicy: 'Local', entry, proxyMode }).healthCheck,
          `${entry} ${proxyMode}`,
        ).toBeUndefined();
  });
  it('hasHealthCheckNodePort: LoadBalancer with Local, nothing else', () => {
    expect(hasHealthCheckNodePort('LoadBalancer', 'Local')).toBe(true);
    expect(hasHealthCheckNodePort('LoadBalancer', 'Cluster')).toBe(false);
    expect(hasHealthCheckNodePort('NodePort', 'Local')).toBe(false);
    expect(hasHealthCheckNodePort('NodePort', 'Cluster')).toBe(false);
  });
  it('the NodePort drop names no health check answer, the LoadBalancer drop says 503', () => {
    expect(traced('nodeport', { externalTrafficPolicy: 'Local' }).dropReason).not.toContain('health check');
    expect(traced('loadbalancer', { externalTrafficPolicy: 'Local' }).dropReason).toContain('answers 503');
  });
});
