//go:build kube136

package main

import (
	"context"

	v1 "k8s.io/api/core/v1"
	utilsysctl "k8s.io/component-helpers/node/util/sysctl"
	"k8s.io/kubernetes/pkg/proxy"
	kubeproxyconfig "k8s.io/kubernetes/pkg/proxy/apis/config"
	"k8s.io/kubernetes/pkg/proxy/iptables"
	"k8s.io/kubernetes/pkg/proxy/nftables"
	utiliptables "k8s.io/kubernetes/pkg/util/iptables"
)

// newIPTablesProxier calls iptables.NewProxier as createProxier does at v1.36, the configuration's fields one by one.
func newIPTablesProxier(ctx context.Context, config *kubeproxyconfig.KubeProxyConfiguration, ipt utiliptables.Interface,
	node proxierNode,
) (proxy.Provider, error) {
	return iptables.NewProxier(ctx, v1.IPv4Protocol, ipt, utilsysctl.New(),
		config.SyncPeriod.Duration, config.MinSyncPeriod.Duration, config.Linux.MasqueradeAll,
		*config.IPTables.LocalhostNodePorts, int(*config.IPTables.MasqueradeBit), node.localDetector,
		node.name, node.ip, node.recorder, node.healthz, config.NodePortAddresses, false)
}

// newNFTablesProxier calls nftables.NewProxier as createProxier does at v1.36, the configuration's fields one by one.
func newNFTablesProxier(ctx context.Context, config *kubeproxyconfig.KubeProxyConfiguration, node proxierNode,
) (proxy.Provider, error) {
	return nftables.NewProxier(ctx, v1.IPv4Protocol,
		config.SyncPeriod.Duration, config.MinSyncPeriod.Duration, config.Linux.MasqueradeAll,
		int(*config.NFTables.MasqueradeBit), node.localDetector,
		node.name, node.ip, node.recorder, node.healthz, config.NodePortAddresses, false)
}

// expandNodePortAddresses is server.go newProxyServer's expansion of "primary" at v1.36, for an IPv4-only node.
func expandNodePortAddresses(addresses []string, nodeIP string) []string {
	if len(addresses) == 1 && addresses[0] == kubeproxyconfig.NodePortAddressesPrimary {
		return []string{nodeIP + "/32"}
	}
	return addresses
}
