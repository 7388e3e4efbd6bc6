//go:build kube136

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

// newProxier builds the IPv4 proxier as cmd/kube-proxy/app/server_linux.go createProxier does at v1.36,
// where the constructors take the configuration's fields one by one.
func newProxier(ctx context.Context, config *kubeproxyconfig.KubeProxyConfiguration, nodeName string, nodeIP net.IP,
	localDetector proxyutil.LocalTrafficDetector, recorder events.EventRecorder, healthz *healthcheck.ProxyHealthServer,
) (proxy.Provider, error) {
	switch config.Mode {
	case kubeproxyconfig.ProxyModeIPTables:
		ipt, ok := utiliptables.NewBestEffort()[v1.IPv4Protocol]
		if !ok {
			return nil, fmt.Errorf("iptables (IPv4) is not available")
		}
		return iptables.NewProxier(ctx, v1.IPv4Protocol, ipt, utilsysctl.New(),
			config.SyncPeriod.Duration, config.MinSyncPeriod.Duration, config.Linux.MasqueradeAll,
			*config.IPTables.LocalhostNodePorts, int(*config.IPTables.MasqueradeBit), localDetector,
			nodeName, nodeIP, recorder, healthz, config.NodePortAddresses, false)
	case kubeproxyconfig.ProxyModeNFTables:
		return nftables.NewProxier(ctx, v1.IPv4Protocol,
			config.SyncPeriod.Duration, config.MinSyncPeriod.Duration, config.Linux.MasqueradeAll,
			int(*config.NFTables.MasqueradeBit), localDetector,
			nodeName, nodeIP, recorder, healthz, config.NodePortAddresses, false)
	}
	return nil, fmt.Errorf("mode %q is not iptables or nftables", config.Mode)
}

// expandNodePortAddresses is server.go newProxyServer's expansion of "primary" at v1.36, for an IPv4-only node.
func expandNodePortAddresses(addresses []string, nodeIP string) []string {
	if len(addresses) == 1 && addresses[0] == kubeproxyconfig.NodePortAddressesPrimary {
		return []string{nodeIP + "/32"}
	}
	return addresses
}
