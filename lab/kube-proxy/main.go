// Command kube-proxy-lab runs kube-proxy's own proxier (iptables or nftables mode) and its
// health check node port server for one lab node, inside that node's network namespace.
//
// It reads a JSON spec (the node, the mode, the Services and EndpointSlices) from the file
// named by its only argument, builds the proxier the way cmd/kube-proxy/app builds it at the
// pinned release (server.go newProxyServer, server_linux.go createProxier and
// platformApplyDefaults, options.go newKubeProxyConfiguration), feeds it the objects through
// the same handlers kube-proxy's informers call, waits for one complete sync, prints
// "synced" on stdout and then serves the health check node ports until SIGTERM.
//
// Where it differs from cmd/kube-proxy, the comment says so: no API server (objects come from
// the spec), single-stack IPv4, conntrack sysctls left alone, no metrics or healthz listener.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	v1 "k8s.io/api/core/v1"
	discovery "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/component-base/metrics/legacyregistry"
	"k8s.io/klog/v2"
	"k8s.io/kube-proxy/config/v1alpha1"
	kubeproxyconfig "k8s.io/kubernetes/pkg/proxy/apis/config"
	proxyconfigscheme "k8s.io/kubernetes/pkg/proxy/apis/config/scheme"
	"k8s.io/kubernetes/pkg/proxy/apis/config/validation"
	"k8s.io/kubernetes/pkg/proxy/healthcheck"
	"k8s.io/kubernetes/pkg/proxy/iptables"
	proxymetrics "k8s.io/kubernetes/pkg/proxy/metrics"
	"k8s.io/kubernetes/pkg/proxy/nftables"
	proxyutil "k8s.io/kubernetes/pkg/proxy/util"
	"k8s.io/utils/ptr"
)

// Spec is what the lab tells one node's kube-proxy: the node, the mode and the API objects.
type Spec struct {
	NodeName     string    `json:"nodeName"`
	NodeIP       string    `json:"nodeIP"`
	Mode         string    `json:"mode"`
	ClusterCIDR  string    `json:"clusterCIDR"`
	ServiceCIDR  string    `json:"serviceCIDR"`
	Services     []Service `json:"services"`
	HealthzBind  string    `json:"healthzBindAddress"`
	SyncDeadline int       `json:"syncDeadlineSeconds"`
}

// Service is one Service with one port named "http" and its EndpointSlice.
type Service struct {
	Name                  string     `json:"name"`
	Type                  string     `json:"type"`
	ClusterIP             string     `json:"clusterIP"`
	Port                  int32      `json:"port"`
	NodePort              int32      `json:"nodePort"`
	ExternalTrafficPolicy string     `json:"externalTrafficPolicy"`
	HealthCheckNodePort   int32      `json:"healthCheckNodePort"`
	LoadBalancerIngressIP string     `json:"loadBalancerIngressIP"`
	Endpoints             []Endpoint `json:"endpoints"`
}

// Endpoint is one endpoint of a Service's EndpointSlice.
type Endpoint struct {
	IP       string `json:"ip"`
	Port     int32  `json:"port"`
	NodeName string `json:"nodeName"`
	Ready    bool   `json:"ready"`
}

const namespace = "default"

func main() {
	klog.InitFlags(nil)
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: kube-proxy-lab SPEC.json | --version")
		os.Exit(2)
	}
	if os.Args[1] == "--version" {
		// The release linked into this binary, from its own build information.
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, dep := range info.Deps {
				if dep.Path == "k8s.io/kubernetes" {
					fmt.Println(dep.Path, dep.Version)
					return
				}
			}
		}
		fmt.Fprintln(os.Stderr, "kube-proxy-lab: no build information")
		os.Exit(1)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "kube-proxy-lab:", err)
		os.Exit(1)
	}
}

func run(specFile string) error {
	raw, err := os.ReadFile(specFile)
	if err != nil {
		return err
	}
	var spec Spec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("spec: %w", err)
	}
	nodeIP := net.ParseIP(spec.NodeIP).To4()
	if nodeIP == nil {
		return fmt.Errorf("spec: nodeIP %q is not an IPv4 address", spec.NodeIP)
	}
	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()

	config, err := kubeProxyConfiguration(spec)
	if err != nil {
		return err
	}
	node := nodeObject(spec)
	// server.go newProxyServer calls platformSetup here, which sets the conntrack sysctls; skipped, because
	// nf_conntrack_max is host-wide and the lab changes nothing outside its own namespaces.
	// server.go newProxyServer: the healthz server exists whenever healthzBindAddress is set (the
	// default is 0.0.0.0:10256); the service health server asks it whether the proxier is healthy.
	// Its own /healthz listener is not started here (server.go serveHealthz): the lab does not probe it.
	healthz := healthcheck.NewProxyHealthServer(config.HealthzBindAddress, 2*config.SyncPeriod.Duration, fixedNode{node})
	// server.go Run registers the metrics before anything syncs; the lab reads one of them to see the sync finish.
	proxymetrics.RegisterMetrics(config.Mode)

	// server.go: platformCleanup removes the other modes' leftovers before the proxier starts.
	if config.Mode == kubeproxyconfig.ProxyModeIPTables {
		nftables.CleanupLeftovers(ctx)
	} else {
		iptables.CleanupLeftovers(ctx)
	}

	// server_linux.go getLocalDetectors with detect-local-mode ClusterCIDR.
	localDetector := proxyutil.NewDetectLocalByCIDR(spec.ClusterCIDR)
	recorder := logRecorder{}
	// server_linux.go createProxier, single-stack: cmd/kube-proxy would run dual-stack where the kernel
	// has IPv6, but every lab Service is IPv4-only, so the IPv6 half would have nothing to write.
	proxier, err := newProxier(ctx, config, spec.NodeName, nodeIP, localDetector, recorder, healthz)
	if err != nil {
		return fmt.Errorf("unable to create proxier: %w", err)
	}

	// server.go Run: the informers' handlers. The objects arrive as an initial list would deliver them.
	if spec.ServiceCIDR != "" {
		proxier.OnServiceCIDRsChanged([]string{spec.ServiceCIDR})
	}
	for _, s := range spec.Services {
		proxier.OnServiceAdd(serviceObject(s))
	}
	proxier.OnServiceSynced()
	for _, s := range spec.Services {
		proxier.OnEndpointSliceAdd(endpointSliceObject(s))
	}
	proxier.OnEndpointSlicesSynced()
	go proxier.SyncLoop()

	deadline := time.Now().Add(time.Duration(max(spec.SyncDeadline, 10)) * time.Second)
	if err := waitForSync(deadline); err != nil {
		return err
	}
	if err := waitForHealthCheckPorts(spec, deadline); err != nil {
		return err
	}
	fmt.Println("synced")
	<-ctx.Done()
	return nil
}

// kubeProxyConfiguration is kube-proxy's configuration with every default it would apply for the mode.
func kubeProxyConfiguration(spec Spec) (*kubeproxyconfig.KubeProxyConfiguration, error) {
	// options.go newKubeProxyConfiguration: the v1alpha1 defaults, converted to the internal type.
	versioned := &v1alpha1.KubeProxyConfiguration{}
	proxyconfigscheme.Scheme.Default(versioned)
	internal, err := proxyconfigscheme.Scheme.ConvertToVersion(versioned, kubeproxyconfig.SchemeGroupVersion)
	if err != nil {
		return nil, err
	}
	config := internal.(*kubeproxyconfig.KubeProxyConfiguration)
	// The flags the lab sets: --proxy-mode, --cluster-cidr, --hostname-override.
	config.Mode = kubeproxyconfig.ProxyMode(spec.Mode)
	config.DetectLocal.ClusterCIDRs = []string{spec.ClusterCIDR}
	config.HostnameOverride = spec.NodeName
	if spec.HealthzBind != "" {
		config.HealthzBindAddress = spec.HealthzBind
	}
	// server_linux.go platformApplyDefaults.
	if config.Mode == kubeproxyconfig.ProxyModeNFTables && len(config.NodePortAddresses) == 0 {
		config.NodePortAddresses = []string{kubeproxyconfig.NodePortAddressesPrimary}
	}
	if config.DetectLocalMode == "" {
		config.DetectLocalMode = kubeproxyconfig.LocalModeClusterCIDR
	}
	config.NodePortAddresses = expandNodePortAddresses(config.NodePortAddresses, spec.NodeIP)
	// options.go Validate.
	if errs := validation.Validate(config); len(errs) > 0 {
		return nil, fmt.Errorf("kube-proxy configuration: %v", errs.ToAggregate())
	}
	return config, nil
}

// waitForSync waits until the proxier has finished a sync: syncProxyRules observes its duration
// metric in a deferred function, after the rules are written and the health check ports synced,
// and sets the last-sync timestamp only when the sync succeeded.
func waitForSync(deadline time.Time) error {
	for time.Now().Before(deadline) {
		families, err := legacyregistry.DefaultGatherer.Gather()
		if err != nil {
			return err
		}
		var syncs uint64
		var lastSuccess float64
		for _, family := range families {
			for _, metric := range family.GetMetric() {
				switch family.GetName() {
				case "kubeproxy_sync_proxy_rules_duration_seconds":
					syncs += metric.GetHistogram().GetSampleCount()
				case "kubeproxy_sync_proxy_rules_last_timestamp_seconds":
					lastSuccess = max(lastSuccess, metric.GetGauge().GetValue())
				}
			}
		}
		if syncs > 0 {
			if lastSuccess == 0 {
				return fmt.Errorf("the first sync failed (see the log above)")
			}
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("no sync finished in time")
}

// waitForHealthCheckPorts waits until every health check node port accepts connections on the node IP.
func waitForHealthCheckPorts(spec Spec, deadline time.Time) error {
	for _, s := range spec.Services {
		if s.HealthCheckNodePort == 0 {
			continue
		}
		address := net.JoinHostPort(spec.NodeIP, fmt.Sprint(s.HealthCheckNodePort))
		for {
			conn, err := net.DialTimeout("tcp", address, 200*time.Millisecond)
			if err == nil {
				conn.Close()
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("health check node port %s never answered: %w", address, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}

// nodeObject is the Node as the API server would return it to kube-proxy.
func nodeObject(spec Spec) *v1.Node {
	return &v1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: spec.NodeName, Labels: map[string]string{v1.LabelHostname: spec.NodeName}},
		Status:     v1.NodeStatus{Addresses: []v1.NodeAddress{{Type: v1.NodeInternalIP, Address: spec.NodeIP}}},
	}
}

// serviceObject is a Service of type NodePort or LoadBalancer with one TCP port named "http".
func serviceObject(s Service) *v1.Service {
	service := &v1.Service{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: s.Name},
		Spec: v1.ServiceSpec{
			Type:                  v1.ServiceType(s.Type),
			ClusterIP:             s.ClusterIP,
			ClusterIPs:            []string{s.ClusterIP},
			IPFamilies:            []v1.IPFamily{v1.IPv4Protocol},
			IPFamilyPolicy:        ptr.To(v1.IPFamilyPolicySingleStack),
			ExternalTrafficPolicy: v1.ServiceExternalTrafficPolicy(s.ExternalTrafficPolicy),
			InternalTrafficPolicy: ptr.To(v1.ServiceInternalTrafficPolicyCluster),
			SessionAffinity:       v1.ServiceAffinityNone,
			HealthCheckNodePort:   s.HealthCheckNodePort,
			Ports: []v1.ServicePort{{
				Name:       "http",
				Protocol:   v1.ProtocolTCP,
				Port:       s.Port,
				NodePort:   s.NodePort,
				TargetPort: intstr.FromString("http"),
			}},
		},
	}
	if s.LoadBalancerIngressIP != "" {
		service.Status.LoadBalancer.Ingress = []v1.LoadBalancerIngress{{IP: s.LoadBalancerIngressIP}}
	}
	return service
}

// endpointSliceObject is the Service's EndpointSlice as the EndpointSlice controller would write it.
func endpointSliceObject(s Service) *discovery.EndpointSlice {
	slice := &discovery.EndpointSlice{
		ObjectMeta: metav1.ObjectMeta{
			Namespace: namespace,
			Name:      s.Name + "-lab",
			Labels:    map[string]string{discovery.LabelServiceName: s.Name},
		},
		AddressType: discovery.AddressTypeIPv4,
	}
	if len(s.Endpoints) > 0 {
		slice.Ports = []discovery.EndpointPort{{Name: ptr.To("http"), Protocol: ptr.To(v1.ProtocolTCP), Port: ptr.To(s.Endpoints[0].Port)}}
	}
	for _, e := range s.Endpoints {
		slice.Endpoints = append(slice.Endpoints, discovery.Endpoint{
			Addresses: []string{e.IP},
			Conditions: discovery.EndpointConditions{
				Ready:       ptr.To(e.Ready),
				Serving:     ptr.To(e.Ready),
				Terminating: ptr.To(false),
			},
			NodeName: ptr.To(e.NodeName),
		})
	}
	return slice
}

// fixedNode answers the health server's question "which Node am I" (proxy.NodeManager does it from an informer).
type fixedNode struct{ node *v1.Node }

func (n fixedNode) Node() *v1.Node { return n.node }

// logRecorder writes the events kube-proxy would send to the API server to its log.
type logRecorder struct{}

func (logRecorder) Eventf(regarding runtime.Object, related runtime.Object, eventtype, reason, action, note string, args ...interface{}) {
	klog.InfoS("event", "type", eventtype, "reason", reason, "action", action, "note", fmt.Sprintf(note, args...))
}
