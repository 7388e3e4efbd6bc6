package main

import (
	"context"
	"fmt"
	"net"

	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/events"
	"k8s.io/kubernetes/pkg/proxy"
	kubeproxyconfig "k8s.io/kubernetes/pkg/proxy/apis/config"
	"k8s.io/kubernetes/pkg/proxy/healthcheck"
	proxyutil "k8s.io/kubernetes/pkg/proxy/util"
	utiliptables "k8s.io/kubernetes/pkg/util/iptables"
)

// proxierNode is what every release's proxier constructors take besides the configuration: the node and its helpers.
type proxierNode struct {
	localDetector proxyutil.LocalTrafficDetector
	name          string
	ip            net.IP
	recorder      events.EventRecorder
	healthz       *healthcheck.ProxyHealthServer
}

// newProxier builds the IPv4 proxier as cmd/kube-proxy/app/server_linux.go createProxier does. The constructors'
// arguments differ between releases, so the release's file (proxier_v136.go, proxier_v137.go) calls them.
func newProxier(ctx context.Context, config *kubeproxyconfig.KubeProxyConfiguration, nodeName string, nodeIP net.IP,
	localDetector proxyutil.LocalTrafficDetector, recorder events.EventRecorder, healthz *healthcheck.ProxyHealthServer,
) (proxy.Provider, error) {
	node := proxierNode{localDetector: localDetector, name: nodeName, ip: nodeIP, recorder: recorder, healthz: healthz}
	switch config.Mode {
	case kubeproxyconfig.ProxyModeIPTables:
		ipt, ok := utiliptables.NewBestEffort()[v1.IPv4Protocol]
		if !ok {
			return nil, fmt.Errorf("iptables (IPv4) is not available")
		}
		return newIPTablesProxier(ctx, config, ipt, node)
	case kubeproxyconfig.ProxyModeNFTables:
		return newNFTablesProxier(ctx, config, node)
	}
	return nil, fmt.Errorf("mode %q is not iptables or nftables", config.Mode)
}
