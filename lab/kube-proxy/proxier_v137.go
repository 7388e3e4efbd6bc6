//go:build !kube136

package main

import (
	"context"

	v1 "k8s.io/api/core/v1"
	utilsysctl "k8s.io/component-helpers/node/util/sysctl"
	"k8s.io/kubernetes/pkg/proxy"
	kubeproxyconfig "k8s.io/kubernetes/pkg/proxy/apis/config"
	"k8s.io/kubernetes/pkg/proxy/iptables"
	"k8s.io/kubernetes/pkg/proxy/nftables"
	proxyutil "k8s.io/kubernetes/pkg/proxy/util"
	utiliptables "k8s.io/kubernetes/pkg/util/iptables"
)

// newIPTablesProxier calls iptables.NewProxier as createProxier does at v1.37, with the whole configuration.
func newIPTablesProxier(ctx context.Context, config *kubeproxyconfig.KubeProxyConfiguration, ipt utiliptables.Interface,
	node proxierNode,
) (proxy.Provider, error) {
	return iptables.NewProxier(ctx, config, v1.IPv4Protocol, ipt, utilsysctl.New(), node.localDetector,
		node.name, node.ip, node.recorder, node.healthz, false)
}

// newNFTablesProxier calls nftables.NewProxier as createProxier does at v1.37, with the whole configuration.
func newNFTablesProxier(ctx context.Context, config *kubeproxyconfig.KubeProxyConfiguration, node proxierNode,
) (proxy.Provider, error) {
	return nftables.NewProxier(ctx, config, v1.IPv4Protocol, node.localDetector, node.name, node.ip, node.recorder,
		node.healthz, false)
}

// expandNodePortAddresses is server.go expandNodePortAddressKeywords at v1.37, for an IPv4-only node.
func expandNodePortAddresses(addresses []string, nodeIP string) []string {
	var expanded []string
	for _, address := range addresses {
		switch address {
		case kubeproxyconfig.NodePortAddressesPrimary:
			expanded = append(expanded, nodeIP+"/32")
		case kubeproxyconfig.NodePortAddressesLocalhost:
			expanded = append(expanded, "127.0.0.0/8", "::1/128")
		case kubeproxyconfig.NodePortAddressesAll:
			expanded = append(expanded, proxyutil.IPv4ZeroCIDR, proxyutil.IPv6ZeroCIDR)
		default:
			expanded = append(expanded, address)
		}
	}
	return expanded
}
