/**
 * kube-proxy's iptables rules for one node, written the way
 * pkg/proxy/iptables/proxier.go writes them (chain names, rule order and
 * comments), for Services with one endpoint. Fed to iptables-restore (nft backend).
 */
import { createHash } from 'node:crypto';
import { lab } from './plan.ts';
import type { LabService } from './services.ts';

/** kube-proxy's chain suffix: a hash of the service port name, as portProtoHash does. */
function suffix(prefix: string, name: string): string {
  return `${prefix}-${createHash('sha256')
    .update(`${name}tcp`)
    .digest('base64')
    .replace(/[^A-Z0-9]/gi, '')
    .slice(0, 16)
    .toUpperCase()}`;
}

/** The filter and nat tables for a node. A Service marked `removeMasquerade` lacks the Cluster masquerade rule, for the gotcha that shows why it exists. */
export function nodeRules(node: 'A' | 'B', services: readonly LabService[]): string {
  const filter: string[] = [
    '*filter',
    ':KUBE-EXTERNAL-SERVICES - [0:0]',
    '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
    '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
  ];
  const nat: string[] = [
    '*nat',
    ':KUBE-SERVICES - [0:0]',
    ':KUBE-NODEPORTS - [0:0]',
    ':KUBE-POSTROUTING - [0:0]',
    ':KUBE-MARK-MASQ - [0:0]',
  ];
  const body: string[] = [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
  ];
  for (const s of services) {
    const svc = suffix('KUBE-SVC', s.name);
    const ext = suffix('KUBE-EXT', s.name);
    const svl = suffix('KUBE-SVL', s.name);
    const sep = suffix('KUBE-SEP', `${s.name}${s.endpoint.ip}`);
    const local = s.endpoint.node === node;
    const id = `default/${s.name}:http`;
    nat.push(`:${svc} - [0:0]`, `:${ext} - [0:0]`, `:${sep} - [0:0]`);
    if (s.policy === 'Local') nat.push(`:${svl} - [0:0]`);
    body.push(
      `-A KUBE-SERVICES -m comment --comment "${id} cluster IP" -m tcp -p tcp -d ${s.clusterIp}/32 --dport ${s.port} -j ${svc}`,
      `-A KUBE-SERVICES -m comment --comment "${id} loadbalancer IP" -m tcp -p tcp -d ${lab.lbVip}/32 --dport ${s.port} -j ${ext}`,
      `-A KUBE-NODEPORTS -m comment --comment "${id}" -m tcp -p tcp --dport ${s.nodePort} -j ${ext}`,
      `-A ${svc} -m comment --comment "${id} cluster IP" -m tcp -p tcp -d ${s.clusterIp}/32 --dport ${s.port} ! -s ${lab.clusterCidr} -j KUBE-MARK-MASQ`,
      `-A ${svc} -m comment --comment "${id} -> ${s.endpoint.ip}:${s.endpoint.port}" -j ${sep}`,
      `-A ${sep} -m comment --comment "${id}" -s ${s.endpoint.ip}/32 -j KUBE-MARK-MASQ`,
      `-A ${sep} -m comment --comment "${id}" -m tcp -p tcp -j DNAT --to-destination ${s.endpoint.ip}:${s.endpoint.port}`,
    );
    if (s.policy === 'Cluster') {
      if (!s.removeMasquerade)
        body.push(`-A ${ext} -m comment --comment "masquerade traffic for ${id} external destinations" -j KUBE-MARK-MASQ`);
      body.push(`-A ${ext} -j ${svc}`);
    } else {
      body.push(
        `-A ${ext} -m comment --comment "pod traffic for ${id} external destinations" -s ${lab.clusterCidr} -j ${svc}`,
        `-A ${ext} -m comment --comment "masquerade LOCAL traffic for ${id} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
        `-A ${ext} -m comment --comment "route LOCAL traffic for ${id} external destinations" -m addrtype --src-type LOCAL -j ${svc}`,
        `-A ${ext} -j ${svl}`,
      );
      if (local) body.push(`-A ${svl} -m comment --comment "${id} -> ${s.endpoint.ip}:${s.endpoint.port}" -j ${sep}`);
      else
        filter.push(
          `-A KUBE-EXTERNAL-SERVICES -m comment --comment "${id} has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport ${s.nodePort} -j DROP`,
          `-A KUBE-EXTERNAL-SERVICES -m comment --comment "${id} has no local endpoints" -m tcp -p tcp -d ${lab.lbVip}/32 --dport ${s.port} -j DROP`,
        );
    }
  }
  body.push(
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  );
  return [...filter, 'COMMIT', ...nat, ...body, 'COMMIT', ''].join('\n');
}
