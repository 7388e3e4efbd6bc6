#!/usr/bin/env bash
# Builds the lab's kube-proxy (lab/kube-proxy/main.go linked against k8s.io/kubernetes) into
# .cache/bin/kube-proxy-lab-<release>, with the Go build and module caches under .cache/go.
# Usage: lab/kube-proxy/build.sh [release]   (default: the release pinned in go.mod)
#        lab/kube-proxy/build.sh netexec     (agnhost's netexec from the pinned module, lab/kube-proxy/netexec, into
#                                             .cache/bin/netexec-lab-<pinned release>)
# Prints the binary's path on stdout; everything else goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export GOCACHE="$root/.cache/go/build" GOMODCACHE="$root/.cache/go/mod" GOTOOLCHAIN=local
export CGO_ENABLED=0
pinned="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v1/ { print $2; exit }' "$here/go.mod")"
mkdir -p "$root/.cache/bin" "$GOCACHE" "$GOMODCACHE"
tags=""
if [ "${1:-}" = netexec ]; then
  out="$root/.cache/bin/netexec-lab-$pinned"
  src="$here"
  package=./netexec
  sources=("$here"/netexec/*.go)
else
  release="${1:-$pinned}"
  out="$root/.cache/bin/kube-proxy-lab-$release"
  package=.
  sources=("$here"/*.go)
  if [ "$release" = "$pinned" ]; then
    src="$here"
  else
    # Another release: the same Go files in a module of their own whose go.mod and go.sum are committed under
    # releases/, built with the release's tag (kube136 for v1.36.x) to pick its proxier constructors.
    [ -f "$here/releases/$release/go.mod" ] || { echo "build.sh: no releases/$release/go.mod" >&2; exit 2; }
    tags="$(echo "$release" | sed -E 's/^v([0-9]+)\.([0-9]+)\..*/kube\1\2/')"
    src="$root/.cache/kube-proxy-src/$release"
    rm -rf "$src"
    mkdir -p "$src"
    cp -p "$here"/*.go "$here/releases/$release/go.mod" "$here/releases/$release/go.sum" "$src/"
  fi
fi
# Up to date: the binary is newer than every input (linking alone takes tens of seconds).
if [ -x "$out" ] && [ -z "$(find "${sources[@]}" "$src/go.mod" "$src/go.sum" "$here/build.sh" -newer "$out")" ]; then
  echo "$out"
  exit 0
fi
cd "$src"
go build -trimpath -tags "$tags" -o "$out.tmp" "$package" >&2
mv "$out.tmp" "$out"
echo "$out"
