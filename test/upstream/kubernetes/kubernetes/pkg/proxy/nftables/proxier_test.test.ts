/**
 * kube-proxy nftables mode: every `runPacketFlowTests` case of k8s.io/kubernetes v1.37.2
 * pkg/proxy/nftables/proxier_test.go (read from the Go module cache), transcribed as data, run against the model.
 * Each case cites its Go test name and the line of its `name:` field. Expectations are upstream's; the adapter
 * (../packet-flow.ts) only decides which model state a case is about, or why none is.
 *
 * Note on the tracer upstream uses (helpers_test.go, tracePacket): it runs filter-prerouting-pre-dnat, nat-prerouting,
 * filter-forward, filter-input and nat-postrouting, and skips the output-hook chains ("they ought to be fully redundant
 * with the prerouting chains"), so a "node to ..." case is a packet from a node IP traced through the prerouting path.
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
      { line: 1018, name: 'pod to cluster IP with no endpoints', sourceIP: '10.0.0.2', destIP: svcIP, destPort: svcPort, output: 'REJECT' },
      {
        line: 1025,
        name: 'external to external IP with no endpoints',
        sourceIP: testExternalClient,
        destIP: svcExternalIPs,
        destPort: svcPort,
        output: 'REJECT',
      },
      {
        line: 1032,
        name: 'pod to NodePort with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: testNodeIP,
        destPort: svcNodePort,
        output: 'REJECT',
      },
      {
        line: 1039,
        name: 'external to NodePort with no endpoints',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: svcNodePort,
        output: 'REJECT',
      },
      {
        line: 1046,
        name: 'pod to LoadBalancer IP with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: svcLBIP,
        destPort: svcPort,
        output: 'REJECT',
      },
      {
        line: 1053,
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
      line: 1170,
      name: 'simple clusterIP',
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.41',
      destPort: 80,
      output: '10.180.0.1:80',
      masq: false,
    },
    {
      line: 1178,
      name: 'hairpin to cluster IP',
      sourceIP: '10.180.0.1',
      destIP: '172.30.0.41',
      destPort: 80,
      output: '10.180.0.1:80',
      masq: true,
    },
    {
      line: 1186,
      name: 'clusterIP with multiple endpoints',
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.42',
      destPort: 80,
      output: '10.180.0.1:80, 10.180.2.1:80',
      masq: false,
    },
    {
      line: 1194,
      name: 'clusterIP with TargetPort',
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.42',
      destPort: 443,
      output: '10.180.0.1:8443, 10.180.2.1:8443',
      masq: false,
    },
    {
      line: 1202,
      name: 'clusterIP with TCP, UDP, and SCTP on same port (TCP)',
      sourceIP: '10.180.0.2',
      protocol: 'TCP',
      destIP: '172.30.0.42',
      destPort: 53,
      output: '10.180.0.1:5353, 10.180.2.1:5353',
      masq: false,
    },
    // Upstream names this UDP case "(TCP)" too (line 1211); transcribed as written.
    {
      line: 1211,
      name: 'clusterIP with TCP, UDP, and SCTP on same port (TCP)',
      sourceIP: '10.180.0.2',
      protocol: 'UDP',
      destIP: '172.30.0.42',
      destPort: 53,
      output: '10.180.0.1:53, 10.180.2.1:53',
      masq: false,
    },
    {
      line: 1220,
      name: 'clusterIP with TCP, UDP, and SCTP on same port (SCTP)',
      sourceIP: '10.180.0.2',
      protocol: 'SCTP',
      destIP: '172.30.0.42',
      destPort: 53,
      output: '10.180.0.1:53, 10.180.2.1:53',
      masq: false,
    },
    {
      line: 1229,
      name: 'TCP-only port does not match UDP traffic',
      sourceIP: '10.180.0.2',
      protocol: 'UDP',
      destIP: '172.30.0.42',
      destPort: 80,
      output: 'REJECT',
    },
    {
      line: 1237,
      name: "svc1 does not accept svc2's ports",
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.41',
      destPort: 443,
      output: 'REJECT',
    },
    { line: 1244, name: 'packet to unallocated cluster ip', sourceIP: '10.180.0.2', destIP: '172.30.0.50', destPort: 80, output: 'DROP' },
  ],
};

/** TestLoadBalancer: two load balancer IPs with loadBalancerSourceRanges, one endpoint on the node under test. */
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
        endpoints: [{ ip: epIP, local: true }],
      },
    ],
    cases: [
      {
        line: 1309,
        name: 'pod to cluster IP',
        sourceIP: '10.0.0.2',
        destIP: svcIP,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: false,
      },
      {
        line: 1317,
        name: 'external to nodePort',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: svcNodePort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 1325,
        name: 'nodePort bypasses LoadBalancerSourceRanges',
        sourceIP: testExternalClientBlocked,
        destIP: testNodeIP,
        destPort: svcNodePort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 1333,
        name: 'accepted external to LB1',
        sourceIP: testExternalClient,
        destIP: svcLBIP1,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 1341,
        name: 'accepted external to LB2',
        sourceIP: testExternalClient,
        destIP: svcLBIP2,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 1349,
        name: 'blocked external to LB1',
        sourceIP: testExternalClientBlocked,
        destIP: svcLBIP1,
        destPort: svcPort,
        output: 'DROP',
      },
      {
        line: 1356,
        name: 'blocked external to LB2',
        sourceIP: testExternalClientBlocked,
        destIP: svcLBIP2,
        destPort: svcPort,
        output: 'DROP',
      },
      {
        line: 1363,
        name: 'pod to LB1 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: svcLBIP1,
        destPort: svcPort,
        output: 'DROP',
      },
      {
        line: 1370,
        name: 'pod to LB2 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: svcLBIP2,
        destPort: svcPort,
        output: 'DROP',
      },
      {
        line: 1377,
        name: 'node to LB1 (allowed by LoadBalancerSourceRanges)',
        sourceIP: testNodeIP,
        destIP: svcLBIP1,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 1385,
        name: 'node to LB2 (allowed by LoadBalancerSourceRanges)',
        sourceIP: testNodeIP,
        destIP: svcLBIP2,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 1398,
        name: 'same node to LB1, SNATted to LB1 (implicitly allowed)',
        sourceIP: svcLBIP1,
        destIP: svcLBIP1,
        destPort: svcPort,
        output: `${epIP}:${svcPort}`,
        masq: true,
      },
      {
        line: 1406,
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

/** TestNodePorts: one subtest per family and --nodeport-addresses value; endpoints on "other-node" and on the node under test. */
function nodePorts(name: string, family: 'IPv4' | 'IPv6', nodePortAddresses: string[] | null, allowAltNodeIP: boolean): PacketFlowGroup {
  const v4 = family === 'IPv4';
  const svcIP = v4 ? '172.30.0.41' : 'fd00:172:30::41';
  const epIP1 = v4 ? '10.180.0.1' : 'fd00:10:180::1';
  const epIP2 = v4 ? '10.180.2.1' : 'fd00:10:180::2:1';
  const nodeIP = v4 ? testNodeIP : testNodeIPv6;
  const podIP = v4 ? '10.0.0.2' : 'fd00:10::2';
  const externalClientIP = v4 ? testExternalClient : '2600:5200::1';
  const altNodeIP = v4 ? testNodeIPAlt : testNodeIPv6Alt;
  const hostPort = (ip: string, port: string) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`); // net.JoinHostPort
  const output = hostPort(epIP1, '80') + ', ' + hostPort(epIP2, '80');
  const cases: PacketFlowTest[] = [
    { line: 1536, name: 'pod to cluster IP', sourceIP: podIP, destIP: svcIP, destPort: 80, output: output, masq: false },
    { line: 1544, name: 'external to nodePort', sourceIP: externalClientIP, destIP: nodeIP, destPort: 3001, output: output, masq: true },
    { line: 1552, name: 'node to nodePort', sourceIP: nodeIP, destIP: nodeIP, destPort: 3001, output: output, masq: true },
    allowAltNodeIP
      ? {
          line: 1564,
          name: 'external to nodePort on secondary IP',
          sourceIP: externalClientIP,
          destIP: altNodeIP,
          destPort: 3001,
          output: output,
          masq: true,
        }
      : {
          line: 1575,
          name: 'secondary nodeIP ignores NodePorts',
          sourceIP: externalClientIP,
          destIP: altNodeIP,
          destPort: 3001,
          output: '',
        },
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
    ...(nodePortAddresses ? { unmodelled: `kube-proxy --nodeport-addresses=${nodePortAddresses.join(',')} is not modelled` } : {}),
    cases,
  };
}

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
      line: 1649,
      name: 'pod to cluster IP hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 1657,
      name: 'pod to external IP hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcExternalIPs,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 1665,
      name: 'external to external IP hits only local endpoint, unmasqueraded',
      sourceIP: testExternalClient,
      destIP: svcExternalIPs,
      destPort: svcPort,
      output: `${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 1673,
      name: 'pod to LB IP hits only both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcLBIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 1681,
      name: 'external to LB IP hits only local endpoint, unmasqueraded',
      sourceIP: testExternalClient,
      destIP: svcLBIP,
      destPort: svcPort,
      output: `${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 1689,
      name: 'pod to NodePort hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: testNodeIP,
      destPort: svcNodePort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 1697,
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
      line: 1765,
      name: 'pod to cluster IP hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: false,
    },
    {
      line: 1773,
      name: 'pod to external IP hits both endpoints, masqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcExternalIPs,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 1781,
      name: 'external to external IP hits both endpoints, masqueraded',
      sourceIP: testExternalClient,
      destIP: svcExternalIPs,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 1789,
      name: 'pod to LB IP hits both endpoints, masqueraded',
      sourceIP: '10.0.0.2',
      destIP: svcLBIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 1797,
      name: 'external to LB IP hits both endpoints, masqueraded',
      sourceIP: testExternalClient,
      destIP: svcLBIP,
      destPort: svcPort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 1805,
      name: 'pod to NodePort hits both endpoints, masqueraded',
      sourceIP: '10.0.0.2',
      destIP: testNodeIP,
      destPort: svcNodePort,
      output: `${epIP1}:${svcPort}, ${epIP2}:${svcPort}`,
      masq: true,
    },
    {
      line: 1813,
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
      cases: [{ line: 3132, name: 'endpoints deleted', sourceIP: '10.0.0.2', destIP: '172.30.1.1', destPort: 80, output: 'REJECT' }],
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
        line: 3245,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
        masq: false,
      },
      {
        line: 3253,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80',
        masq: false,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyLocal/ready endpoints exist', 'Local', [3458, 3465]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyLocal/only terminating endpoints exist',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 3322,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.5:80',
        masq: false,
      },
      {
        line: 3330,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.2:80, 10.0.1.3:80',
        masq: false,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyLocal/only terminating endpoints exist', 'Local', [3458, 3465]),
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
      { line: 3370, name: 'pod to clusterIP', sourceIP: '10.0.0.2', destIP: '172.30.1.1', destPort: 80, output: '10.0.1.5:80' },
      {
        line: 3377,
        name: 'external to LB, no locally-usable endpoints',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'DROP',
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyLocal/terminating endpoints on remote node', 'Local', [3458, 3465]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyLocal/no usable endpoints on any node',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 3425,
        name: 'pod to clusterIP, no usable endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: 'REJECT',
      },
      {
        line: 3432,
        name: 'external to LB, no usable endpoints',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyLocal/no usable endpoints on any node', 'Local', [3458, 3465]),
];

/** TestTerminatingEndpointsTrafficPolicyCluster: four subtests, each followed by the deleted-endpoints cases. */
const terminatingCluster: PacketFlowGroup[] = [
  {
    test: 'TestTerminatingEndpointsTrafficPolicyCluster/ready endpoints exist',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 3577,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
        masq: false,
      },
      {
        line: 3585,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
        masq: true,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyCluster/ready endpoints exist', 'Cluster', [3791, 3798]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyCluster/only terminating endpoints exist',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 3654,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80',
        masq: false,
      },
      {
        line: 3662,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80',
        masq: true,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyCluster/only terminating endpoints exist', 'Cluster', [3791, 3798]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyCluster/terminating endpoints on remote node',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      {
        line: 3700,
        name: 'pod to clusterIP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.1.1',
        destPort: 80,
        output: '10.0.1.5:80',
        masq: false,
      },
      {
        line: 3708,
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.0.1.5:80',
        masq: true,
      },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyCluster/terminating endpoints on remote node', 'Cluster', [3791, 3798]),
  {
    test: 'TestTerminatingEndpointsTrafficPolicyCluster/no usable endpoints on any node',
    services: [],
    unmodelled: endpointConditions,
    cases: [
      { line: 3757, name: 'pod to clusterIP', sourceIP: '10.0.0.2', destIP: '172.30.1.1', destPort: 80, output: 'REJECT' },
      { line: 3764, name: 'external to LB', sourceIP: testExternalClient, destIP: '1.2.3.4', destPort: 80, output: 'REJECT' },
    ],
  },
  afterDeleted('TestTerminatingEndpointsTrafficPolicyCluster/no usable endpoints on any node', 'Cluster', [3791, 3798]),
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
    line: 3924,
    name: 'pod to ClusterIP',
    sourceIP: '10.0.0.2',
    destIP: '172.30.0.41',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: false,
  },
  {
    line: 3932,
    name: 'pod to NodePort',
    sourceIP: '10.0.0.2',
    destIP: testNodeIP,
    destPort: 3001,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 3940,
    name: 'pod to LB',
    sourceIP: '10.0.0.2',
    destIP: '1.2.3.4',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 3948,
    name: 'node to ClusterIP',
    sourceIP: testNodeIP,
    destIP: '172.30.0.41',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 3956,
    name: 'node to NodePort',
    sourceIP: testNodeIP,
    destIP: testNodeIP,
    destPort: 3001,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 3964,
    name: 'node to LB',
    sourceIP: testNodeIP,
    destIP: '1.2.3.4',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 3972,
    name: 'external to ClusterIP',
    sourceIP: testExternalClient,
    destIP: '172.30.0.41',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 3980,
    name: 'external to NodePort',
    sourceIP: testExternalClient,
    destIP: testNodeIP,
    destPort: 3001,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 3988,
    name: 'external to LB',
    sourceIP: testExternalClient,
    destIP: '1.2.3.4',
    destPort: 80,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 3996,
    name: 'pod to ClusterIP with eTP:Local',
    sourceIP: '10.0.0.2',
    destIP: '172.30.0.42',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: false,
  },
  {
    line: 4007,
    name: 'pod to NodePort with eTP:Local',
    sourceIP: '10.0.0.2',
    destIP: testNodeIP,
    destPort: 3002,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: false,
  },
  {
    line: 4022,
    name: 'pod to LB with eTP:Local',
    sourceIP: '10.0.0.2',
    destIP: '5.6.7.8',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: false,
  },
  {
    line: 4038,
    name: 'node to ClusterIP with eTP:Local',
    sourceIP: testNodeIP,
    destIP: '172.30.0.42',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: true,
  },
  // Upstream sends this one to port 3001 (svc1, Cluster), not svc2's 3002; transcribed as written, so it maps to svc1.
  {
    line: 4049,
    name: 'node to NodePort with eTP:Local',
    sourceIP: testNodeIP,
    destIP: testNodeIP,
    destPort: 3001,
    output: '10.180.0.1:80, 10.180.1.1:80',
    masq: true,
  },
  {
    line: 4060,
    name: 'node to LB with eTP:Local',
    sourceIP: testNodeIP,
    destIP: '5.6.7.8',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: true,
  },
  {
    line: 4071,
    name: 'external to ClusterIP with eTP:Local',
    sourceIP: testExternalClient,
    destIP: '172.30.0.42',
    destPort: 80,
    output: '10.180.0.2:80, 10.180.1.2:80',
    masq: true,
  },
  {
    line: 4082,
    name: 'external to NodePort with eTP:Local',
    sourceIP: testExternalClient,
    destIP: testNodeIP,
    destPort: 3002,
    output: '10.180.0.2:80',
    masq: false,
  },
  {
    line: 4093,
    name: 'external to LB with eTP:Local',
    sourceIP: testExternalClient,
    destIP: '5.6.7.8',
    destPort: 80,
    output: '10.180.0.2:80',
    masq: false,
  },
  {
    line: 4104,
    name: 'pod to ClusterIP with iTP:Local',
    sourceIP: '10.0.0.2',
    destIP: '172.30.0.43',
    destPort: 80,
    output: '10.180.0.3:80',
    masq: false,
  },
  {
    line: 4115,
    name: 'pod to NodePort with iTP:Local',
    sourceIP: '10.0.0.2',
    destIP: testNodeIP,
    destPort: 3003,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 4126,
    name: 'pod to LB with iTP:Local',
    sourceIP: '10.0.0.2',
    destIP: '9.10.11.12',
    destPort: 80,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 4137,
    name: 'node to ClusterIP with iTP:Local',
    sourceIP: testNodeIP,
    destIP: '172.30.0.43',
    destPort: 80,
    output: '10.180.0.3:80',
    masq: true,
  },
  {
    line: 4149,
    name: 'node to NodePort with iTP:Local',
    sourceIP: testNodeIP,
    destIP: testNodeIP,
    destPort: 3003,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 4160,
    name: 'node to LB with iTP:Local',
    sourceIP: testNodeIP,
    destIP: '9.10.11.12',
    destPort: 80,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 4171,
    name: 'external to ClusterIP with iTP:Local',
    sourceIP: testExternalClient,
    destIP: '172.30.0.43',
    destPort: 80,
    output: '10.180.0.3:80',
    masq: true,
  },
  {
    line: 4183,
    name: 'external to NodePort with iTP:Local',
    sourceIP: testExternalClient,
    destIP: testNodeIP,
    destPort: 3003,
    output: '10.180.0.3:80, 10.180.1.3:80',
    masq: true,
  },
  {
    line: 4194,
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
  path: 'pkg/proxy/nftables/proxier_test.go',
  proxyMode: 'nftables',
  upstreamCounts: {
    TestNoEndpointsReject: 6,
    TestClusterIPGeneral: 10,
    TestLoadBalancer: 13,
    TestNodePorts: 16,
    TestExternalTrafficPolicyLocal: 7,
    TestExternalTrafficPolicyCluster: 7,
    TestInternalTrafficPolicy: 8,
    TestTerminatingEndpointsTrafficPolicyLocal: 16,
    TestTerminatingEndpointsTrafficPolicyCluster: 16,
    TestInternalExternalMasquerade: 108,
  },
  groups: [
    noEndpointsReject(),
    clusterIPGeneral,
    loadBalancer(),
    nodePorts('ipv4', 'IPv4', null, false),
    nodePorts('ipv4, multiple nodeport-addresses', 'IPv4', ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'], true),
    nodePorts('ipv6', 'IPv6', null, false),
    nodePorts(
      'ipv6, multiple nodeport-addresses',
      'IPv6',
      ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64', '2001:db8:1::2/128'],
      true,
    ),
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
        line: 3010,
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
        line: 3030,
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
        line: 3050,
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
      { line: 3070, name: 'no endpoints', sourceIP: '10.0.0.2', destIP: '172.30.1.1', destPort: 80, output: 'DROP' },
    ),
    ...terminatingLocal,
    ...terminatingCluster,
    ...internalExternalMasquerade,
  ],
});
