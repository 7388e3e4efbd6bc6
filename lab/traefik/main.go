// The lab's Traefik: Traefik's own TCP entry point (listener, PROXY protocol, forwardedHeaders middleware, HTTP
// server) in front of Traefik's own reverse proxy to one upstream, configured from flags the way the static
// configuration's entryPoints.<name>.proxyProtocol and .forwardedHeaders configure it.
//
// Each request's RemoteAddr after the entry point (what Traefik's access log records as ClientAddr,
// pkg/middlewares/accesslog/logger.go `core[ClientAddr] = req.RemoteAddr`, and what ipAllowList's default
// strategy compares) is written as one JSON line to the file named by -client-log.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/traefik/traefik/v3/pkg/config/dynamic"
	"github.com/traefik/traefik/v3/pkg/config/static"
	"github.com/traefik/traefik/v3/pkg/proxy/httputil"
	"github.com/traefik/traefik/v3/pkg/server"
	tcprouter "github.com/traefik/traefik/v3/pkg/server/router/tcp"
	"github.com/traefik/traefik/v3/pkg/server/service"
)

// splitList parses a comma-separated flag value; empty means none.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func main() {
	address := flag.String("address", "", "entry point address, host:port")
	upstream := flag.String("upstream", "", "upstream URL, e.g. http://198.18.0.10:8080")
	fhTrusted := flag.String("forwarded-headers-trusted-ips", "", "forwardedHeaders.trustedIPs, comma-separated")
	fhInsecure := flag.Bool("forwarded-headers-insecure", false, "forwardedHeaders.insecure")
	pp := flag.Bool("proxy-protocol", false, "enable entryPoints.<name>.proxyProtocol")
	ppTrusted := flag.String("proxy-protocol-trusted-ips", "", "proxyProtocol.trustedIPs, comma-separated")
	ppInsecure := flag.Bool("proxy-protocol-insecure", false, "proxyProtocol.insecure")
	clientLog := flag.String("client-log", "", "file receiving one JSON line per request: the RemoteAddr Traefik sees")
	flag.Parse()
	if *address == "" || *upstream == "" || *clientLog == "" {
		fmt.Fprintln(os.Stderr, "usage: traefik-lab -address host:port -upstream URL -client-log FILE [flags]")
		os.Exit(2)
	}
	target, err := url.Parse(*upstream)
	if err != nil {
		fail("upstream", err)
	}

	// The static configuration of one entry point, with Traefik's own defaults (EntryPoint.SetDefaults).
	config := &static.EntryPoint{Address: *address}
	config.SetDefaults()
	config.ForwardedHeaders.Insecure = *fhInsecure
	config.ForwardedHeaders.TrustedIPs = splitList(*fhTrusted)
	if *pp {
		config.ProxyProtocol = &static.ProxyProtocol{Insecure: *ppInsecure, TrustedIPs: splitList(*ppTrusted)}
	}

	// Traefik's default servers transport ("default@internal", pkg/provider/traefik/internal.go) and its proxy.
	transports := service.NewTransportManager(nil)
	defaultTransport := &dynamic.ServersTransport{}
	transports.Update(map[string]*dynamic.ServersTransport{"default@internal": defaultTransport})
	proxy, err := httputil.NewProxyBuilder(transports, nil).Build("default@internal", target, true, false, 100*time.Millisecond)
	if err != nil {
		fail("proxy", err)
	}

	logFile, err := os.OpenFile(*clientLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		fail("client log", err)
	}
	var logMu sync.Mutex
	// Each line names the request by its URI: the lab's cases differ only in their query (netexec's /header?case=…).
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		line, _ := json.Marshal(map[string]string{"remoteAddr": r.RemoteAddr, "path": r.URL.RequestURI()})
		logMu.Lock()
		_, _ = logFile.Write(append(line, '\n'))
		logMu.Unlock()
		proxy.ServeHTTP(w, r)
	})

	ctx := context.Background()
	entryPoint, err := server.NewTCPEntryPoint(ctx, "web", config, nil, nil)
	if err != nil {
		fail("entry point", err)
	}
	router, err := tcprouter.NewRouter()
	if err != nil {
		fail("router", err)
	}
	router.SetHTTPHandler(handler)
	entryPoint.SwitchRouter(router)
	fmt.Fprintf(os.Stderr, "traefik-lab: listening on %s\n", *address)
	entryPoint.Start(ctx)
}

// fail reports a setup error and exits.
func fail(what string, err error) {
	fmt.Fprintf(os.Stderr, "traefik-lab: %s: %v\n", what, err)
	os.Exit(1)
}
