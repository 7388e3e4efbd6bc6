//go:build !kube136

package main

import (
	"context"
	"fmt"
	"net"

	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/events"
	utilsysctl "k8s.io/component-helpers/node/util/sysctl"
	"k8s.io/kubernetes/pkg/proxy"
	kubeproxyconfig "k8s.io/kubernetes/pkg/proxy/apis/config"
	"k8s.io/kubernetes/pkg/proxy/healthcheck"
	"k8s.io/kubernetes/pkg/proxy/iptables"
	"k8s.io/kubernetes/pkg/proxy/nftables"
	proxyutil "k8s.io/kubernetes/pkg/proxy/util"
	utiliptables "k8s.io/kubernetes/pkg/util/iptables"
)

// newProxier builds the IPv4 proxier as cmd/kube-proxy/app/server_linux.go createProxier does at v1.37.
func newProxier(ctx context.Context, config *kubeproxyconfig.KubeProxyConfiguration, nodeName string, nodeIP net.IP,
	localDetector proxyutil.LocalTrafficDetector, recorder events.EventRecorder, healthz *healthcheck.ProxyHealthServer,
) (proxy.Provider, error) {
	switch config.Mode {
	case kubeproxyconfig.ProxyModeIPTables:
		ipt, ok := utiliptables.NewBestEffort()[v1.IPv4Protocol]
		if !ok {
			return nil, fmt.Errorf("iptables (IPv4) is not available")
		}
		return iptables.NewProxier(ctx, config, v1.IPv4Protocol, ipt, utilsysctl.New(), localDetector,
			nodeName, nodeIP, recorder, healthz, false)
	case kubeproxyconfig.ProxyModeNFTables:
		return nftables.NewProxier(ctx, config, v1.IPv4Protocol, localDetector, nodeName, nodeIP, recorder, healthz, false)
	}
	return nil, fmt.Errorf("mode %q is not iptables or nftables", config.Mode)
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
