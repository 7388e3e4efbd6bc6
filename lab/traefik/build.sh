#!/usr/bin/env bash
# Builds the lab's Traefik (lab/traefik/main.go linked against github.com/traefik/traefik/v3, the release pinned in
# go.mod) into .cache/bin/traefik-lab-<release>, with the Go build and module caches under .cache/go.
# Usage: lab/traefik/build.sh   Prints the binary's path on stdout; everything else goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export GOCACHE="${GOCACHE_OVERRIDE:-$root/.cache/go/build}" GOMODCACHE="${GOMODCACHE_OVERRIDE:-$root/.cache/go/mod}"
export GOTOOLCHAIN=local GOFLAGS=-modcacherw GOWORK=off CGO_ENABLED=0
release="$(awk '{ for (i = 1; i < NF; i++) if ($i == "github.com/traefik/traefik/v3") { print $(i + 1); exit } }' "$here/go.mod")"
[ -n "$release" ] || { echo "build.sh: no github.com/traefik/traefik/v3 in go.mod" >&2; exit 2; }
out="${TRAEFIK_LAB_OUT:-$root/.cache/bin/traefik-lab-$release}"
mkdir -p "$(dirname "$out")" "$GOCACHE" "$GOMODCACHE"
# Up to date: the binary is newer than every input (linking alone takes tens of seconds).
if [ -x "$out" ] && [ -z "$(find "$here"/*.go "$here/go.mod" "$here/go.sum" "$here/build.sh" -newer "$out")" ]; then
  echo "$out"
  exit 0
fi
cd "$here"
go build -trimpath -o "$out.tmp" . >&2
mv "$out.tmp" "$out"
echo "$out"
