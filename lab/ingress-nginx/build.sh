#!/usr/bin/env bash
# Builds .cache/bin/ingress-nginx-render: ingress-nginx's own template code
# (internal/ingress/controller/template) rendering its own nginx.tmpl, both from
# the pinned k8s.io/ingress-nginx module, driven by our main (main.go.txt).
#
# The template functions live in an internal package, so the main must sit
# inside the module: the script copies the pinned module from GOMODCACHE to a
# temporary directory, adds the main there as cmd/fieldguide-render/main.go with
# the module's nginx.tmpl beside it (embedded), builds, and removes the copy.
# Nothing of upstream's is kept in the repository; the binary goes to .cache/bin
# (ignored). Skips the build when the binary is up to date.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# controller-v1.15.1 (commit 0a5901f3c64f) is the design's pin, but the Go module
# proxy refuses every pseudo-version of it ("This module version is not
# available"); the newest version it serves is k8s.io/ingress-nginx@latest, the
# commit tagged controller-v1.11.0 (52c50467d67d, "Merge pull request #11585 ...
# release-1.11.0"). See lab/ingress-nginx/README.md.
module=k8s.io/ingress-nginx
version=v0.0.0-20240708192948-52c50467d67d
release=controller-v1.11.0

export GOMODCACHE="$root/.cache/go/mod"
export GOCACHE="$root/.cache/go/build"
export GOFLAGS=-modcacherw
export GOWORK=off
bin="$root/.cache/bin/ingress-nginx-render"
stamp="$bin.stamp"
want="$release $version $(sha256sum "$here/main.go.txt" "$here/build.sh" | sha256sum | cut -c1-16)"
if [ -x "$bin" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "ingress-nginx-render: up to date ($release)"
  exit 0
fi

dir="$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -n "$dir" ] && [ -d "$dir" ] || {
  echo "ingress-nginx-render: go mod download $module@$version failed" >&2
  exit 1
}
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$dir" "$tmp/src"
chmod -R u+w "$tmp/src"
mkdir -p "$tmp/src/cmd/fieldguide-render"
cp "$here/main.go.txt" "$tmp/src/cmd/fieldguide-render/main.go"
cp "$tmp/src/rootfs/etc/nginx/template/nginx.tmpl" "$tmp/src/cmd/fieldguide-render/nginx.tmpl"
mkdir -p "$(dirname "$bin")"
(cd "$tmp/src" && go build -trimpath -o "$bin.new" ./cmd/fieldguide-render)
mv "$bin.new" "$bin"
echo "$want" >"$stamp"
echo "ingress-nginx-render: built from $module@$version ($release)"
