// The lab's echo server: agnhost's netexec, the image a reader runs to reproduce a state
// (src/reproduce/echo-server.ts), linked from k8s.io/kubernetes test/images/agnhost/netexec at the release the lab's
// kube-proxy pins, so the lab's app answers with netexec's own handlers and format.
// Usage: netexec --http-port=8080 --udp-port=-1
package main

import (
	"os"

	"k8s.io/kubernetes/test/images/agnhost/netexec"
)

func main() {
	netexec.CmdNetexec.SetArgs(os.Args[1:])
	if err := netexec.CmdNetexec.Execute(); err != nil {
		os.Exit(1)
	}
}
