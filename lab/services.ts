/** The Services and load balancer frontends a lab run needs, registered by the cases that use them, each with its own ports. */
import type { ExternalTrafficPolicy } from '../src/model/kube-proxy.ts';
import type { LoadBalancerKind } from '../src/model/load-balancer.ts';
import { lab } from './plan.ts';

/** A Service kube-proxy is fed: its type, policy, single endpoint, ClusterIP, ports and (LoadBalancer with Local) health check node port. */
export interface LabService {
  name: string;
  type: LabServiceType;
  policy: ExternalTrafficPolicy;
  endpoint: { ip: string; port: number; node: 'A' | 'B' };
  clusterIp: string;
  port: number;
  nodePort: number;
  /** Only for type LoadBalancer with `Local`: the API refuses it on any other Service. */
  healthCheckNodePort: number | null;
  /** For the gotcha only: after kube-proxy's sync, the lab deletes its "masquerade traffic for … external destinations" rule. */
  removeMasquerade?: boolean;
}

/** The Service types the lab creates; a LoadBalancer Service has a NodePort too, and its status carries the load balancer IP. */
export type LabServiceType = 'NodePort' | 'LoadBalancer';

/** A load balancer frontend: a port on the load balancer IP, forwarding to one node's NodePort in one mode. */
export interface LabFrontend {
  kind: LoadBalancerKind;
  port: number;
  service: LabService;
  node: 'A' | 'B';
}

/** Collects Services and frontends, giving each its own ports so conntrack never mixes variants. */
export class Registry {
  readonly services: LabService[] = [];
  readonly frontends: LabFrontend[] = [];

  /** The Service for a type, a policy and an endpoint, created on first use. */
  service(policy: ExternalTrafficPolicy, endpointIp: string, endpointPort: number, type: LabServiceType = 'LoadBalancer'): LabService {
    const name = `${type === 'NodePort' ? 'np' : 'lb'}-${policy.toLowerCase()}-${endpointIp.replaceAll('.', '-')}-${endpointPort}`;
    const existing = this.services.find((s) => s.name === name);
    if (existing) return existing;
    const i = this.services.length;
    const [a, b, c, d] = lab.serviceBase;
    const service: LabService = {
      name,
      type,
      policy,
      endpoint: { ip: endpointIp, port: endpointPort, node: 'A' },
      clusterIp: `${a}.${b}.${c + Math.floor((d + i) / 256)}.${(d + i) % 256}`,
      port: 20000 + i,
      nodePort: 30000 + i,
      healthCheckNodePort: type === 'LoadBalancer' && policy === 'Local' ? 32000 + i : null,
    };
    this.services.push(service);
    return service;
  }

  /** The frontend for a listener kind, a Service and an entry node, created on first use. */
  frontend(kind: LoadBalancerKind, service: LabService, node: 'A' | 'B'): LabFrontend {
    const existing = this.frontends.find((f) => f.kind === kind && f.service === service && f.node === node);
    if (existing) return existing;
    const frontend = { kind, service, node, port: 40000 + this.frontends.length };
    this.frontends.push(frontend);
    return frontend;
  }
}
