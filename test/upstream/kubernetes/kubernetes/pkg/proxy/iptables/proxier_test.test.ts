/**
 * kube-proxy iptables mode: every `runPacketFlowTests` case of k8s.io/kubernetes v1.37.2
 * pkg/proxy/iptables/proxier_test.go (read from the Go module cache), transcribed as data, run against the model.
 * Each case cites its Go test name and the line of its `name:` field. Expectations are upstream's; the adapter
 * (../packet-flow.ts) only decides which model state a case is about, or why none is.
 *
 * Note on the tracer upstream uses (tracePacket in the same file): it runs nat PREROUTING, then the filter chains
 * KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS and KUBE-PROXY-FIREWALL, and reports the masquerade mark; it
 * does not run nat OUTPUT, so a "node to ..." case is a packet from a node IP traced through the PREROUTING path.
 */
import { describePacketFlowFile } from '../packet-flow-suite.ts';
import {
  type PacketFlowGroup,
  type PacketFlowTest,
  type UpstreamService,
  testExternalClient,
  testExternalClientBlocked,
  testNodeIP,
  testNodeIPAlt,
  testNodeIPv6,
  testNodeIPv6Alt,
  withOverrides,
} from '../packet-flow.ts';

/** TestNoEndpointsReject: a LoadBalancer Service with an external IP and no endpoints. */
function noEndpointsReject(): PacketFlowGroup {
  const svcIP = '172.30.0.41';
  const svcPort = 80;
  const svcNodePort = 3001;
  const svcExternalIPs = '192.168.99.11';
  const svcLBIP = '1.2.3.4';
  return {
    test: 'TestNoEndpointsReject',
    services: [
      {
        name: 'ns1/svc1',
        clusterIP: svcIP,
        ports: [{ port: svcPort, nodePort: svcNodePort }],
        externalIPs: [svcExternalIPs],
        loadBalancerIPs: [svcLBIP],
        endpoints: [],
      },
    ],
    cases: [
      { line: 1851, name: 'pod to cluster IP with no endpoints', sourceIP: '10.0.0.2', destIP: svcIP, destPort: svcPort, output: 'REJECT' },
      {
        line: 1858,
        name: 'external to external IP with no endpoints',
        sourceIP: testExternalClient,
        destIP: svcExternalIPs,
        destPort: svcPort,
        output: 'REJECT',
      },
      {
        line: 1865,
        name: 'pod to NodePort with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: testNodeIP,
        destPort: svcNodePort,
        output: 'REJECT',
      },
      {
        line: 1872,
        name: 'external to NodePort with no endpoints',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: svcNodePort,
        output: 'REJECT',
      },
      {
        line: 1879,
        name: 'pod to LoadBalancer IP with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: svcLBIP,
        destPort: svcPort,
        output: 'REJECT',
      },
      {
        line: 1886,
        name: 'external to LoadBalancer IP with no endpoints',
        sourceIP: testExternalClient,
        destIP: svcLBIP,
        destPort: svcPort,
        output: 'REJECT',
      },
    ],
  };
}

/** TestClusterIPGeneral: svc1 with one local endpoint; svc2 with a local and a remote endpoint on several ports. */
const clusterIPGeneral: PacketFlowGroup = {
  test: 'TestClusterIPGeneral',
  services: [
    { name: 'ns1/svc1', clusterIP: '172.30.0.41', ports: [{ port: 80 }], endpoints: [{ ip: '10.180.0.1', local: true }] },
    {
      name: 'ns2/svc2',
      clusterIP: '172.30.0.42',
      ports: [{ port: 80 }, { port: 443 }, { port: 53, protocol: 'UDP' }, { port: 53 }, { port: 53, protocol: 'SCTP' }],
      endpoints: [
        { ip: '10.180.0.1', local: true },
        { ip: '10.180.2.1', local: false },
      ],
    },
  ],
  cases: [
    {
      line: 2004,
      name: 'simple clusterIP',
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.41',
      destPort: 80,
      output: '10.180.0.1:80',
      masq: false,
    },
    {
      line: 2012,
      name: 'hairpin to cluster IP',
      sourceIP: '10.180.0.1',
      destIP: '172.30.0.41',
      destPort: 80,
      output: '10.180.0.1:80',
      masq: true,
    },
    {
      line: 2020,
      name: 'clusterIP with multiple endpoints',
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.42',
      destPort: 80,
      output: '10.180.0.1:80, 10.180.2.1:80',
      masq: false,
    },
    {
      line: 2028,
      name: 'clusterIP with TargetPort',
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.42',
      destPort: 443,
      output: '10.180.0.1:8443, 10.180.2.1:8443',
      masq: false,
    },
    {
      line: 2036,
      name: 'clusterIP with TCP, UDP, and SCTP on same port (TCP)',
      sourceIP: '10.180.0.2',
      protocol: 'TCP',
      destIP: '172.30.0.42',
      destPort: 53,
      output: '10.180.0.1:5353, 10.180.2.1:5353',
      masq: false,
    },
    {
      line: 2045,
      name: 'clusterIP with TCP, UDP, and SCTP on same port (UDP)',
      sourceIP: '10.180.0.2',
      protocol: 'UDP',
      destIP: '172.30.0.42',
      destPort: 53,
      output: '10.180.0.1:53, 10.180.2.1:53',
      masq: false,
    },
    {
      line: 2054,
      name: 'clusterIP with TCP, UDP, and SCTP on same port (SCTP)',
      sourceIP: '10.180.0.2',
      protocol: 'SCTP',
      destIP: '172.30.0.42',
      destPort: 53,
      output: '10.180.0.1:53, 10.180.2.1:53',
      masq: false,
    },
    {
      line: 2063,
      name: 'TCP-only port does not match UDP traffic',
      sourceIP: '10.180.0.2',
      protocol: 'UDP',
      destIP: '172.30.0.42',
      destPort: 80,
      output: '',
    },
    {
      line: 2071,
      name: "svc1 does not accept svc2's ports",
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.41',
      destPort: 443,
      output: '',
    },
  ],
};

/** TestLoadBalancer: two load balancer IPs with loadBalancerSourceRanges, one endpoint whose NodeName is unset (so not on the node under test). */
function loadBalancer(): PacketFlowGroup {
  const svcIP = '172.30.0.41';
  const svcPort = 80;
  const svcNodePort = 3001;
  const svcLBIP1 = '1.2.3.4';
  const svcLBIP2 = '5.6.7.8';
  const epIP = '10.180.0.1';
  return {
    test: 'TestLoadBalancer',
    services: [
      {
        name: 'ns1/svc1',
        clusterIP: svcIP,
        ports: [{ port: svcPort, nodePort: svcNodePort }],
        loadBalancerIPs: [svcLBIP1, svcLBIP2],
        loadBalancerSourceRanges: ['192.168.0.0/24', ' 203.0.113.0/25'],
        endpoints: [{ ip: epIP, local: false }],
      },
    ],
    cases: [
      {
        line: 2136,
        name: 'pod to cluster IP',
        sourceIP: '10.0.0.2',
        destIP: svcIP,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: false,
      },
      {
        line: 2144,
        name: 'external to nodePort',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: svcNodePort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 2152,
        name: 'nodePort bypasses LoadBalancerSourceRanges',
        sourceIP: testExternalClientBlocked,
        destIP: testNodeIP,
        destPort: svcNodePort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 2160,
        name: 'accepted external to LB1',
        sourceIP: testExternalClient,
        destIP: svcLBIP1,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 2168,
        name: 'accepted external to LB2',
        sourceIP: testExternalClient,
        destIP: svcLBIP2,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 2176,
        name: 'blocked external to LB1',
        sourceIP: testExternalClientBlocked,
        destIP: svcLBIP1,
        destPort: svcPort,
        output: 'DROP',
      },
      {
        line: 2183,
        name: 'blocked external to LB2',
        sourceIP: testExternalClientBlocked,
        destIP: svcLBIP2,
        destPort: svcPort,
        output: 'DROP',
      },
      {
        line: 2190,
        name: 'pod to LB1 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: svcLBIP1,
        destPort: svcPort,
        output: 'DROP',
      },
      {
        line: 2197,
        name: 'pod to LB2 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: svcLBIP2,
        destPort: svcPort,
        output: 'DROP',
      },
      {
        line: 2204,
        name: 'node to LB1 (allowed by LoadBalancerSourceRanges)',
        sourceIP: testNodeIP,
        destIP: svcLBIP1,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 2212,
        name: 'node to LB2 (allowed by LoadBalancerSourceRanges)',
        sourceIP: testNodeIP,
        destIP: svcLBIP2,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 2225,
        name: 'same node to LB1, SNATted to LB1 (implicitly allowed)',
        sourceIP: svcLBIP1,
        destIP: svcLBIP1,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 2233,
        name: 'same node to LB2, SNATted to LB2 (implicitly allowed)',
        sourceIP: svcLBIP2,
        destIP: svcLBIP2,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
    ],
  };
}

/**
 * TestNodePorts: one subtest per family, --iptables-localhost-nodeports and --nodeport-addresses value; endpoints with
 * no NodeName and on the node under test. Only the first subtest runs kube-proxy's defaults (localhost NodePorts on,
 * no --nodeport-addresses).
 */
function nodePorts(
  name: string,
  family: 'IPv4' | 'IPv6',
  localhostNodePorts: boolean,
  nodePortAddresses: string[] | null,
  allowAltNodeIP: boolean,
): PacketFlowGroup {
  const v4 = family === 'IPv4';
  const svcIP = v4 ? '172.30.0.41' : 'fd00:172:30::41';
  const epIP1 = v4 ? '10.180.0.1' : 'fd00:10:180::1';
  const epIP2 = v4 ? '10.180.2.1' : 'fd00:10:180::2:1';
  const podIP = v4 ? '10.0.0.2' : 'fd00:10::2';
  const externalClientIP = v4 ? testExternalClient : '2600:5200::1';
  const nodeIP = v4 ? testNodeIP : testNodeIPv6;
  const altNodeIP = v4 ? testNodeIPAlt : testNodeIPv6Alt;
  const localhostIP = v4 ? '127.0.0.1' : '::1';
  const hostPort = (ip: string, port: string) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`); // net.JoinHostPort
  const output = hostPort(epIP1, '80') + ', ' + hostPort(epIP2, '80');
  const cases: PacketFlowTest[] = [
    { line: 2410, name: 'pod to cluster IP', sourceIP: podIP, destIP: svcIP, destPort: 80, output: output, masq: false },
    { line: 2418, name: 'external to nodePort', sourceIP: externalClientIP, destIP: nodeIP, destPort: 3001, output: output, masq: true },
    { line: 2426, name: 'node to nodePort', sourceIP: nodeIP, destIP: nodeIP, destPort: 3001, output: output, masq: true },
    // "localhost to NodePort is only allowed in IPv4, and only if not disabled"
    v4 && localhostNodePorts
      ? {
          line: 2439,
          name: 'localhost to nodePort gets masqueraded',
          sourceIP: localhostIP,
          destIP: localhostIP,
          destPort: 3001,
          output: output,
          masq: true,
        }
      : { line: 2450, name: 'localhost to nodePort is ignored', sourceIP: localhostIP, destIP: localhostIP, destPort: 3001, output: '' },
    allowAltNodeIP
      ? {
          line: 2464,
          name: 'external to nodePort on secondary IP',
          sourceIP: externalClientIP,
          destIP: altNodeIP,
          destPort: 3001,
          output: output,
          masq: true,
        }
      : {
          line: 2475,
          name: 'secondary nodeIP ignores NodePorts',
          sourceIP: externalClientIP,
          destIP: altNodeIP,
          destPort: 3001,
          output: '',
        },
  ];
  const flags = [
    ...(localhostNodePorts ? [] : ['--iptables-localhost-nodeports=false']),
    ...(nodePortAddresses ? [`--nodeport-addresses=${nodePortAddresses.join(',')}`] : []),
  ];
  return {
    test: `TestNodePorts/${name}`,
    services: [
      {
        name: 'ns1/svc1',
        clusterIP: svcIP,
        ports: [{ port: 80, nodePort: 3001 }],
        endpoints: [
          { ip: epIP1, local: false },
          { ip: epIP2, local: true },
        ],
      },
    ],
    ...(flags.length > 0 ? { unmodelled: `kube-proxy ${flags.join(' ')} is not modelled` } : {}),
    cases,
  };
}

/** TestHealthCheckNodePort: the filter rule that accepts a health check node port, and its removal with the Service. */
const healthCheckNodePort: PacketFlowGroup = {
  test: 'TestHealthCheckNodePort',
  services: [],
  unmodelled:
    'the firewall rule that accepts the health check node port (with --nodeport-addresses=127.0.0.0/8): the model answers the health check’s HTTP status, not the filter table',
  cases: [
    {
      line: 2528,
      name: 'firewall accepts HealthCheckNodePort',
      sourceIP: '1.2.3.4',
      destIP: testNodeIP,
      destPort: 30000,
      output: 'ACCEPT',
      masq: false,
    },
    {
      line: 2542,
      name: 'HealthCheckNodePort no longer has any rule',
      sourceIP: '1.2.3.4',
      destIP: testNodeIP,
      destPort: 30000,
      output: '',
    },
  ],
};

/** TestTracePacket: the test's own rule tracer run over hand-written rules (no Service objects, no proxier). */
const tracePacket: PacketFlowGroup = {
  test: 'TestTracePacket',
  services: [],
  unmodelled: 'a check of the upstream test tracer against hand-written static rules, not of rules kube-proxy generated from Services',
  cases: [
    { line: 1490, name: 'no match', sourceIP: '10.0.0.2', destIP: '10.0.0.3', destPort: 80, output: '' },
    { line: 1497, name: 'single endpoint', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: '10.180.0.1:80' },
    {
      line: 1504,
      name: 'multiple endpoints',
      sourceIP: '10.0.0.2',
      destIP: '172.30.0.44',
      destPort: 80,
      output: '10.180.0.4:80, 10.180.0.5:80',
    },
    {
      line: 1511,
      name: 'LOCAL, KUBE-MARK-MASQ',
      sourceIP: testNodeIP,
      destIP: '192.168.99.22',
      destPort: 80,
      output: '10.180.0.2:80',
      masq: true,
    },
    { line: 1519, name: 'DROP', sourceIP: testExternalClient, destIP: '192.168.99.22', destPort: 80, output: 'DROP' },
    { line: 1526, name: 'ACCEPT (NodePortHealthCheck)', sourceIP: testNodeIP, destIP: testNodeIP, destPort: 30000, output: 'ACCEPT' },
    { line: 1533, name: 'REJECT', sourceIP: '10.0.0.2', destIP: '172.30.0.46', destPort: 80, output: 'REJECT' },
  ],
};

/** The LoadBalancer Service of TestExternalTrafficPolicyLocal and ...Cluster: an external IP, a load balancer IP, a remote and a local endpoint. */
function externalTrafficPolicyService(policy: 'Local' | 'Cluster'): UpstreamService {
  return {
    name: 'ns1/svc1',
    clusterIP: '172.30.0.41',
    ports: [{ port: 80, nodePort: 3001 }],
    externalIPs: ['192.168.99.11'],
    loadBalancerIPs: ['1.2.3.4'],
    externalTrafficPolicy: policy,
    endpoints: [
      { ip: '10.180.0.1', local: false },
      { ip: '10.180.2.1', local: true },
    ],
  };
}

const svcIP = '172.30.0.41';
const svcPort = 80;
const svcNodePort = 3001;
const svcExternalIPs = '192.168.99.11';
const svcLBIP = '1.2.3.4';
const epIP1 = '10.180.0.1';
const epIP2 = '10.180.2.1';

/** TestExternalTrafficPolicyLocal. */
const externalTrafficPolicyLocal: PacketFlowGroup = {
  test: 'TestExternalTrafficPolicyLocal',
  services: [externalTrafficPolicyService('Local')],
  cases: [
    {
      line: 2660,
      name: 'pod to cluster IP hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 2668,
      name: 'pod to external IP hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcExternalIPs,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 2676,
      name: 'external to external IP hits only local endpoint, unmasqueraded',
      sourceIP: testExternalClient,
      destIP: svcExternalIPs,
      destPort: svcPort,
      output: `${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 2684,
      name: 'pod to LB IP hits only both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcLBIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 2692,
      name: 'external to LB IP hits only local endpoint, unmasqueraded',
      sourceIP: testExternalClient,
      destIP: svcLBIP,
      destPort: svcPort,
      output: `${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 2700,
      name: 'pod to NodePort hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: testNodeIP,
      destPort: svcNodePort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 2708,
      name: 'external to NodePort hits only local endpoint, unmasqueraded',
      sourceIP: testExternalClient,
      destIP: testNodeIP,
      destPort: svcNodePort,
      output: `${epIP2}:${svcPort}`,
      masq: false,
    },
  ],
};

/** TestExternalTrafficPolicyCluster. */
const externalTrafficPolicyCluster: PacketFlowGroup = {
  test: 'TestExternalTrafficPolicyCluster',
  services: [externalTrafficPolicyService('Cluster')],
  cases: [
    {
      line: 2777,
      name: 'pod to cluster IP hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 2785,
      name: 'pod to external IP hits both endpoints, masqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcExternalIPs,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 2793,
      name: 'external to external IP hits both endpoints, masqueraded',
      sourceIP: testExternalClient,
      destIP: svcExternalIPs,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 2801,
      name: 'pod to LB IP hits both endpoints, masqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcLBIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 2809,
      name: 'external to LB IP hits both endpoints, masqueraded',
      sourceIP: testExternalClient,
      destIP: svcLBIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 2817,
      name: 'pod to NodePort hits both endpoints, masqueraded',
      sourceIP: '10.0.0.2',
      destIP: testNodeIP,
      destPort: svcNodePort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 2825,
      name: 'external to NodePort hits both endpoints, masqueraded',
      sourceIP: testExternalClient,
      destIP: testNodeIP,
      destPort: svcNodePort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
  ],
};

/** TestInternalTrafficPolicy: one subtest per internalTrafficPolicy and endpoint placement, then the same after the EndpointSlice is deleted. */
function internalTrafficPolicy(
  name: string,
  policy: 'Cluster' | 'Local',
  endpoints: { ip: string; local: boolean }[],
  flowTest: PacketFlowTest,
): PacketFlowGroup[] {
  const service = (eps: { ip: string; local: boolean }[]): UpstreamService => ({
    name: 'ns1/svc1',
    clusterIP: '172.30.1.1',
    ports: [{ port: 80 }],
    internalTrafficPolicy: policy,
    endpoints: eps,
  });
  return [
    { test: `TestInternalTrafficPolicy/${name}`, services: [service(endpoints)], cases: [flowTest] },
    {
      test: `TestInternalTrafficPolicy/${name}`,
      services: [service([])],
      cases: [{ line: 4249, name: 'endpoints deleted', sourceIP: '10.0.0.2', destIP: '172.30.1.1', destPort: 80, output: 'REJECT' }],
    },
  ];
}

const endpointConditions =
  'endpoint conditions (ready, serving, terminating) are not modelled: the model’s single endpoint is always ready';

/** The Service of TestTerminatingEndpointsTrafficPolicyLocal/...Cluster: type LoadBalancer, load balancer IP 1.2.3.4. */
function terminatingService(policy: 'Local' | 'Cluster', endpoints: { ip: string; local: boolean }[]): UpstreamService {
  return {
    name: 'ns1/svc1',
    clusterIP: '172.30.1.1',
    ports: [{ port: 80 }],
    externalTrafficPolicy: policy,
    loadBalancerIPs: ['1.2.3.4'],
    endpoints,
  };
}

/** The "after endpoints deleted" cases both terminating-endpoint tests run at the end of every subtest. */
function afterDeleted(test: string, policy: 'Local' | 'Cluster', lines: [number, number]): PacketFlowGroup {
  return {
    test,
    services: [terminatingService(policy, [])],
    cases: [
      {
        line: lines[0],
        name: 'pod to clusterIP after endpoints deleted',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: 'REJECT',
      },
      {
        line: lines[1],
        name: 'external to LB after endpoints deleted',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
    ],
  };
}

/** TestTerminatingEndpointsTrafficPolicyLocal: four subtests, each followed by the deleted-endpoints cases. */
const terminatingLocal: PacketFlowGroup[] = [
  {
    test: 'TestTerminatingEndpointsTrafficPolicyLocal/ready endpoints exist',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 4362,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
        masq: false,
      },
      {
        line: 4370,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80',
        masq: false,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyLocal/ready endpoints exist', 'Local', [4576, 4583]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyLocal/only terminating endpoints exist',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 4439,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.5:80',
        masq: false,
      },
      {
        line: 4447,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.2:80, 10.0.1.3:80',
        masq: false,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyLocal/only terminating endpoints exist', 'Local', [4576, 4583]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyLocal/terminating endpoints on remote node',
    // The only endpoint, 10.0.1.5, is serving but terminating, on node-1.
    services: [terminatingService('Local', [{ ip: '10.0.1.5', local: false }])],
    unmodelled: endpointConditions,
    mappedDespite: {
      'external to LB, no locally-usable endpoints':
        'external traffic under Local uses local endpoints only, and there are none; the remote endpoint, terminating or ready, only keeps the REJECT rule away (upstream comment: "this endpoint won\'t be used because it\'s not local, but it will prevent a REJECT rule from being created")',
    },
    cases: [
      { line: 4487, name: 'pod to clusterIP', sourceIP: '10.0.0.2', destIP: '172.30.1.1', destPort: 80, output: '10.0.1.5:80' },
      {
        line: 4494,
        name: 'external to LB, no locally-usable endpoints',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'DROP',
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyLocal/terminating endpoints on remote node', 'Local', [4576, 4583]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyLocal/no usable endpoints on any node',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 4542,
        name: 'pod to clusterIP, no usable endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: 'REJECT',
      },
      {
        line: 4549,
        name: 'external to LB, no usable endpoints',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyLocal/no usable endpoints on any node', 'Local', [4576, 4583]),
];

/** TestTerminatingEndpointsTrafficPolicyCluster: four subtests, each followed by the deleted-endpoints cases. */
const terminatingCluster: PacketFlowGroup[] = [
  {
    test: 'TestTerminatingEndpointsTrafficPolicyCluster/ready endpoints exist',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 4695,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
        masq: false,
      },
      {
        line: 4703,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
        masq: true,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyCluster/ready endpoints exist', 'Cluster', [4910, 4917]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyCluster/only terminating endpoints exist',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 4772,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80',
        masq: false,
      },
      {
        line: 4780,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80',
        masq: true,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyCluster/only terminating endpoints exist', 'Cluster', [4910, 4917]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyCluster/terminating endpoints on remote node',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 4818,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.5:80',
        masq: false,
      },
      {
        line: 4826,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.5:80',
        masq: true,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyCluster/terminating endpoints on remote node', 'Cluster', [4910, 4917]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyCluster/no usable endpoints on any node',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      { line: 4875, name: 'pod to clusterIP', sourceIP: '10.0.0.2', destIP: '172.30.1.1', destPort: 80, output: 'REJECT' },
      { line: 4882, name: 'external to LB', sourceIP: testExternalClient, destIP: '1.2.3.4', destPort: 80, output: 'REJECT' },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyCluster/no usable endpoints on any node', 'Cluster', [4910, 4917]),
];

/** TestInternalExternalMasquerade's three LoadBalancer Services: svc1 Cluster, svc2 eTP Local, svc3 iTP Local; each with a local and a remote endpoint. */
const internalExternalServices: UpstreamService[] = [
  {
    name: 'ns1/svc1',
    clusterIP: '172.30.0.41',
    ports: [{ port: 80, nodePort: 3001 }],
    loadBalancerIPs: ['1.2.3.4'],
    endpoints: [
      { ip: '10.180.0.1', local: true },
      { ip: '10.180.1.1', local: false },
    ],
  },
  {
    name: 'ns2/svc2',
    clusterIP: '172.30.0.42',
    ports: [{ port: 80, nodePort: 3002 }],
    loadBalancerIPs: ['5.6.7.8'],
    externalTrafficPolicy: 'Local',
    endpoints: [
      { ip: '10.180.0.2', local: true },
      { ip: '10.180.1.2', local: false },
    ],
  },
  {
    name: 'ns3/svc3',
    clusterIP: '172.30.0.43',
    ports: [{ port: 80, nodePort: 3003 }],
    loadBalancerIPs: ['9.10.11.12'],
    internalTrafficPolicy: 'Local',
    endpoints: [
      { ip: '10.180.0.3', local: true },
      { ip: '10.180.1.3', local: false },
    ],
  },
];

/** TestInternalExternalMasquerade's flowTests ("the normal case (working localDetector, no masqueradeAll)"). */
const internalExternalFlowTests: PacketFlowTest[] = [
  {
    line: 5043,
    name: 'pod to ClusterIP',
    sourceIP: '10.0.0.2',
    destIP: '172.30.0.41',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: false,
  },
  {
    line: 5051,
    name: 'pod to NodePort',
    sourceIP: '10.0.0.2',
    destIP: testNodeIP,
    destPort: 3001,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5059,
    name: 'pod to LB',
    sourceIP: '10.0.0.2',
    destIP: '1.2.3.4',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5067,
    name: 'node to ClusterIP',
    sourceIP: testNodeIP,
    destIP: '172.30.0.41',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5075,
    name: 'node to NodePort',
    sourceIP: testNodeIP,
    destIP: testNodeIP,
    destPort: 3001,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5083,
    name: 'localhost to NodePort',
    sourceIP: '127.0.0.1',
    destIP: '127.0.0.1',
    destPort: 3001,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5091,
    name: 'node to LB',
    sourceIP: testNodeIP,
    destIP: '1.2.3.4',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5099,
    name: 'external to ClusterIP',
    sourceIP: testExternalClient,
    destIP: '172.30.0.41',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5107,
    name: 'external to NodePort',
    sourceIP: testExternalClient,
    destIP: testNodeIP,
    destPort: 3001,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5115,
    name: 'external to LB',
    sourceIP: testExternalClient,
    destIP: '1.2.3.4',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5123,
    name: 'pod to ClusterIP with eTP:Local',
    sourceIP: '10.0.0.2',
    destIP: '172.30.0.42',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: false,
  },
  {
    line: 5134,
    name: 'pod to NodePort with eTP:Local',
    sourceIP: '10.0.0.2',
    destIP: testNodeIP,
    destPort: 3002,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: false,
  },
  {
    line: 5149,
    name: 'pod to LB with eTP:Local',
    sourceIP: '10.0.0.2',
    destIP: '5.6.7.8',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: false,
  },
  {
    line: 5165,
    name: 'node to ClusterIP with eTP:Local',
    sourceIP: testNodeIP,
    destIP: '172.30.0.42',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: true,
  },
  // Upstream sends this one to port 3001 (svc1, Cluster), not svc2's 3002; transcribed as written, so it maps to svc1.
  {
    line: 5176,
    name: 'node to NodePort with eTP:Local',
    sourceIP: testNodeIP,
    destIP: testNodeIP,
    destPort: 3001,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 5187,
    name: 'localhost to NodePort with eTP:Local',
    sourceIP: '127.0.0.1',
    destIP: '127.0.0.1',
    destPort: 3002,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: true,
  },
  {
    line: 5198,
    name: 'node to LB with eTP:Local',
    sourceIP: testNodeIP,
    destIP: '5.6.7.8',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: true,
  },
  {
    line: 5209,
    name: 'external to ClusterIP with eTP:Local',
    sourceIP: testExternalClient,
    destIP: '172.30.0.42',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: true,
  },
  {
    line: 5220,
    name: 'external to NodePort with eTP:Local',
    sourceIP: testExternalClient,
    destIP: testNodeIP,
    destPort: 3002,
    output: '10.180.0.2:80',
    masq: false,
  },
  {
    line: 5231,
    name: 'external to LB with eTP:Local',
    sourceIP: testExternalClient,
    destIP: '5.6.7.8',
    destPort: 80,
    output: '10.180.0.2:80',
    masq: false,
  },
  {
    line: 5242,
    name: 'pod to ClusterIP with iTP:Local',
    sourceIP: '10.0.0.2',
    destIP: '172.30.0.43',
    destPort: 80,
    output: '10.180.0.3:80',
    masq: false,
  },
  {
    line: 5253,
    name: 'pod to NodePort with iTP:Local',
    sourceIP: '10.0.0.2',
    destIP: testNodeIP,
    destPort: 3003,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 5264,
    name: 'pod to LB with iTP:Local',
    sourceIP: '10.0.0.2',
    destIP: '9.10.11.12',
    destPort: 80,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 5275,
    name: 'node to ClusterIP with iTP:Local',
    sourceIP: testNodeIP,
    destIP: '172.30.0.43',
    destPort: 80,
    output: '10.180.0.3:80',
    masq: true,
  },
  {
    line: 5287,
    name: 'node to NodePort with iTP:Local',
    sourceIP: testNodeIP,
    destIP: testNodeIP,
    destPort: 3003,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 5298,
    name: 'localhost to NodePort with iTP:Local',
    sourceIP: '127.0.0.1',
    destIP: '127.0.0.1',
    destPort: 3003,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 5309,
    name: 'node to LB with iTP:Local',
    sourceIP: testNodeIP,
    destIP: '9.10.11.12',
    destPort: 80,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 5320,
    name: 'external to ClusterIP with iTP:Local',
    sourceIP: testExternalClient,
    destIP: '172.30.0.43',
    destPort: 80,
    output: '10.180.0.3:80',
    masq: true,
  },
  {
    line: 5332,
    name: 'external to NodePort with iTP:Local',
    sourceIP: testExternalClient,
    destIP: testNodeIP,
    destPort: 3003,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 5343,
    name: 'external to LB with iTP:Local',
    sourceIP: testExternalClient,
    destIP: '9.10.11.12',
    destPort: 80,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
];

/** The overrides of the "no LocalTrafficDetector" variant. */
const noLocalDetectorOverrides = {
  'node to ClusterIP': { masq: false },
  'node to ClusterIP with eTP:Local': { masq: false },
  'node to ClusterIP with iTP:Local': { masq: false },
  'external to ClusterIP': { masq: false },
  'external to ClusterIP with eTP:Local': { masq: false },
  'external to ClusterIP with iTP:Local': { masq: false },
  'pod to NodePort with eTP:Local': { output: '10.180.0.2:80' },
  'pod to LB with eTP:Local': { output: '10.180.0.2:80' },
};

/** The overrides of the "masqueradeAll" variant. */
const masqueradeAllOverrides = {
  'pod to ClusterIP': { masq: true },
  'pod to ClusterIP with eTP:Local': { masq: true },
  'pod to ClusterIP with iTP:Local': { masq: true },
};

/** TestInternalExternalMasquerade: the same flowTests under four kube-proxy configurations, with overrides. */
const internalExternalMasquerade: PacketFlowGroup[] = [
  { test: 'TestInternalExternalMasquerade/base', services: internalExternalServices, cases: internalExternalFlowTests },
  {
    test: 'TestInternalExternalMasquerade/no LocalTrafficDetector',
    services: internalExternalServices,
    unmodelled: 'kube-proxy without a local traffic detector (NewNoOpLocalDetector) is not modelled',
    cases: withOverrides(internalExternalFlowTests, noLocalDetectorOverrides),
  },
  {
    test: 'TestInternalExternalMasquerade/masqueradeAll',
    services: internalExternalServices,
    unmodelled: 'kube-proxy --masquerade-all is not modelled',
    cases: withOverrides(internalExternalFlowTests, masqueradeAllOverrides),
  },
  {
    test: 'TestInternalExternalMasquerade/masqueradeAll, no LocalTrafficDetector',
    services: internalExternalServices,
    unmodelled: 'kube-proxy --masquerade-all without a local traffic detector is not modelled',
    cases: withOverrides(internalExternalFlowTests, { ...masqueradeAllOverrides, ...noLocalDetectorOverrides }),
  },
];

describePacketFlowFile({
  path: 'pkg/proxy/iptables/proxier_test.go',
  proxyMode: 'iptables',
  upstreamCounts: {
    TestTracePacket: 7,
    TestNoEndpointsReject: 6,
    TestClusterIPGeneral: 9,
    TestLoadBalancer: 13,
    TestNodePorts: 35,
    TestHealthCheckNodePort: 2,
    TestExternalTrafficPolicyLocal: 7,
    TestExternalTrafficPolicyCluster: 7,
    TestInternalTrafficPolicy: 8,
    TestTerminatingEndpointsTrafficPolicyLocal: 16,
    TestTerminatingEndpointsTrafficPolicyCluster: 16,
    TestInternalExternalMasquerade: 120,
  },
  groups: [
    tracePacket,
    noEndpointsReject(),
    clusterIPGeneral,
    loadBalancer(),
    nodePorts('ipv4, localhost-nodeports enabled', 'IPv4', true, null, true),
    nodePorts('ipv4, localhost-nodeports disabled', 'IPv4', false, null, true),
    nodePorts(
      'ipv4, localhost-nodeports disabled, localhost in nodeport-addresses',
      'IPv4',
      false,
      ['192.168.0.0/24', '127.0.0.1/32'],
      false,
    ),
    nodePorts(
      'ipv4, localhost-nodeports enabled, multiple nodeport-addresses',
      'IPv4',
      false,
      ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
      true,
    ),
    nodePorts('ipv6, localhost-nodeports enabled', 'IPv6', true, null, true),
    nodePorts('ipv6, localhost-nodeports disabled', 'IPv6', false, null, true),
    nodePorts(
      'ipv6, localhost-nodeports disabled, multiple nodeport-addresses',
      'IPv6',
      false,
      ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
      false,
    ),
    healthCheckNodePort,
    externalTrafficPolicyLocal,
    externalTrafficPolicyCluster,
    ...internalTrafficPolicy(
      'internalTrafficPolicy is cluster',
      'Cluster',
      [
        { ip: '10.0.1.1', local: true },
        { ip: '10.0.1.2', local: false },
        { ip: '10.0.1.3', local: false },
      ],
      {
        line: 4126,
        name: 'pod to ClusterIP hits all endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.3:80',
        masq: false,
      },
    ),
    ...internalTrafficPolicy(
      'internalTrafficPolicy is local and there is one local endpoint',
      'Local',
      [
        { ip: '10.0.1.1', local: true },
        { ip: '10.0.1.2', local: false },
        { ip: '10.0.1.3', local: false },
      ],
      {
        line: 4146,
        name: 'pod to ClusterIP hits only local endpoint',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.1:80',
        masq: false,
      },
    ),
    ...internalTrafficPolicy(
      'internalTrafficPolicy is local and there are multiple local endpoints',
      'Local',
      [
        { ip: '10.0.1.1', local: true },
        { ip: '10.0.1.2', local: true },
        { ip: '10.0.1.3', local: false },
      ],
      {
        line: 4166,
        name: 'pod to ClusterIP hits all local endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80',
        masq: false,
      },
    ),
    ...internalTrafficPolicy(
      'internalTrafficPolicy is local and there are no local endpoints',
      'Local',
      [
        { ip: '10.0.1.1', local: false },
        { ip: '10.0.1.2', local: false },
        { ip: '10.0.1.3', local: false },
      ],
      { line: 4186, name: 'no endpoints', sourceIP: '10.0.0.2', destIP: '172.30.1.1', destPort: 80, output: 'DROP' },
    ),
    ...terminatingLocal,
    ...terminatingCluster,
    ...internalExternalMasquerade,
  ],
});
