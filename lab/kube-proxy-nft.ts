/**
 * kube-proxy's nftables-mode ruleset for one node, shaped like the one
 * pkg/proxy/nftables/proxier.go writes: one `ip kube-proxy` table, the verdict
 * maps service-ips, service-nodeports, no-endpoint-nodeports and
 * no-endpoint-services, and per Service the service-, external-, local- and
 * endpoint- chains. Masquerade is always fully random. Fed to `nft -f`.
 */
import { createHash } from 'node:crypto';
import { lab } from './plan.ts';
import type { LabService } from './services.ts';

/** A short, stable chain suffix for a Service (kube-proxy uses a hash of the service port name too). */
function id(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 8).toUpperCase();
}

/** The ruleset for a node. */
export function nodeNftRules(node: 'A' | 'B', services: readonly LabService[]): string {
  const serviceIps: string[] = [];
  const nodePorts: string[] = [];
  const noEndpointNodePorts: string[] = [];
  const noEndpointServices: string[] = [];
  const chains: string[] = [];
  for (const s of services) {
    const h = id(s.name);
    const svc = `service-${h}-default/${s.name}/tcp/http`;
    const ext = `external-${h}-default/${s.name}/tcp/http`;
    const loc = `local-${h}-default/${s.name}/tcp/http`;
    const ep = `endpoint-${id(s.name + s.endpoint.ip)}-default/${s.name}/tcp/http__${s.endpoint.ip}/${s.endpoint.port}`;
    const local = s.endpoint.node === node;
    serviceIps.push(`${s.clusterIp} . tcp . ${s.port} : goto ${svc}`, `${lab.lbVip} . tcp . ${s.port} : goto ${ext}`);
    nodePorts.push(`tcp . ${s.nodePort} : goto ${ext}`);
    chains.push(
      `  chain ${svc} {`,
      `    ip daddr ${s.clusterIp} tcp dport ${s.port} ip saddr != ${lab.clusterCidr} jump mark-for-masquerade`,
      `    numgen random mod 1 vmap { 0 : goto ${ep} }`,
      '  }',
      `  chain ${ep} {`,
      `    ip saddr ${s.endpoint.ip} jump mark-for-masquerade`,
      `    meta l4proto tcp dnat to ${s.endpoint.ip}:${s.endpoint.port}`,
      '  }',
    );
    if (s.policy === 'Cluster') {
      chains.push(`  chain ${ext} {`, ...(s.removeMasquerade ? [] : ['    jump mark-for-masquerade']), `    goto ${svc}`, '  }');
    } else {
      chains.push(
        `  chain ${ext} {`,
        `    ip saddr ${lab.clusterCidr} goto ${svc} comment "short-circuit pod traffic"`,
        `    fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"`,
        `    fib saddr type local goto ${svc} comment "short-circuit local traffic"`,
        `    goto ${loc}`,
        '  }',
        `  chain ${loc} {`,
        ...(local ? [`    numgen random mod 1 vmap { 0 : goto ${ep} }`] : []),
        '  }',
      );
      if (!local) {
        noEndpointNodePorts.push(`tcp . ${s.nodePort} : drop`);
        noEndpointServices.push(`${lab.lbVip} . tcp . ${s.port} : drop`);
      }
    }
  }
  const map = (name: string, type: string, elements: string[]) => [
    `  map ${name} {`,
    `    type ${type} : verdict`,
    ...(elements.length ? [`    elements = { ${elements.join(', ')} }`] : []),
    '  }',
  ];
  return [
    'table ip kube-proxy {',
    ...map('service-ips', 'ipv4_addr . inet_proto . inet_service', serviceIps),
    ...map('service-nodeports', 'inet_proto . inet_service', nodePorts),
    ...map('no-endpoint-nodeports', 'inet_proto . inet_service', noEndpointNodePorts),
    ...map('no-endpoint-services', 'ipv4_addr . inet_proto . inet_service', noEndpointServices),
    '  chain mark-for-masquerade {',
    '    meta mark set meta mark | 0x4000',
    '  }',
    '  chain masquerading {',
    '    meta mark & 0x4000 == 0 return',
    '    meta mark set meta mark ^ 0x4000',
    '    masquerade fully-random',
    '  }',
    '  chain services {',
    '    ip daddr . meta l4proto . th dport vmap @service-ips',
    '    fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports',
    '  }',
    // As in proxier.go: one endpoints-check chain, jumped to from the input, forward and output filter chains,
    // which run at dstnat-10, before any DNAT.
    '  chain endpoints-check {',
    '    ip daddr . meta l4proto . th dport vmap @no-endpoint-services',
    '    fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports',
    '  }',
    '  chain nat-prerouting {',
    '    type nat hook prerouting priority dstnat; policy accept;',
    '    jump services',
    '  }',
    '  chain nat-output {',
    '    type nat hook output priority -100; policy accept;',
    '    jump services',
    '  }',
    '  chain nat-postrouting {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    '    jump masquerading',
    '  }',
    '  chain filter-input {',
    '    type filter hook input priority -110; policy accept;',
    '    ct state new jump endpoints-check',
    '  }',
    '  chain filter-forward {',
    '    type filter hook forward priority -110; policy accept;',
    '    ct state new jump endpoints-check',
    '  }',
    '  chain filter-output {',
    '    type filter hook output priority -110; policy accept;',
    '    ct state new jump endpoints-check',
    '  }',
    ...chains,
    '}',
    '',
  ].join('\n');
}
