#!/usr/bin/env bash
# Copies the schemas the recipes' manifests are checked against (test/reproduce/schemas.test.ts) into .cache/schemas:
# the Kubernetes API's OpenAPI v3 spec of the release the guide targets (k8s.io/kubernetes, the module the lab's
# kube-proxy is built from), and Gateway API's standard CRDs. Both come from the Go module proxy through `go mod
# download`, into the same module cache as the lab's builds (.cache/go/mod). Nothing to do when they are there.
# Also Envoy Gateway's ClientTrafficPolicy CRD, from the github.com/envoyproxy/gateway module, and NGINX Gateway
# Fabric's NginxProxy CRD, which the module proxy does not serve: copied into the repository with its provenance
# (test/reproduce/vendored/nginx-gateway-fabric-v2.6.7/README.md) and unpacked here after its checksum is checked.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export GOMODCACHE="$root/.cache/go/mod" GOCACHE="$root/.cache/go/build" GOTOOLCHAIN=local GOFLAGS=-mod=mod
kubernetes=v1.37.2
gateway_api=v1.6.3
envoy_gateway=v1.9.0
out="$root/.cache/schemas"
k8s_out="$out/kubernetes-$kubernetes"
gw_out="$out/gateway-api-$gateway_api"
eg_out="$out/envoy-gateway-$envoy_gateway"
eg_files=(gateway.envoyproxy.io_clienttrafficpolicies.yaml)
ngf_vendored="$root/test/reproduce/vendored/nginx-gateway-fabric-v2.6.7/gateway.nginx.org_nginxproxies.yaml.gz"
ngf_sha256=d04b97d3d34af1031251b0f1cc02582c2ff97d4df25792bbba9ca23e4aeed62b
ngf_out="$out/nginx-gateway-fabric-v2.6.7"
mkdir -p "$ngf_out"
if [ ! -s "$ngf_out/gateway.nginx.org_nginxproxies.yaml" ]; then
  gzip -dc "$ngf_vendored" >"$ngf_out/gateway.nginx.org_nginxproxies.yaml.tmp"
  echo "$ngf_sha256  $ngf_out/gateway.nginx.org_nginxproxies.yaml.tmp" | sha256sum -c --quiet -
  mv "$ngf_out/gateway.nginx.org_nginxproxies.yaml.tmp" "$ngf_out/gateway.nginx.org_nginxproxies.yaml"
fi
k8s_files=(api__v1_openapi.json apis__apps__v1_openapi.json apis__networking.k8s.io__v1_openapi.json)
gw_files=(gateway.networking.k8s.io_gateways.yaml gateway.networking.k8s.io_httproutes.yaml)
have=1
for f in "${k8s_files[@]}"; do [ -s "$k8s_out/$f" ] || have=0; done
for f in "${gw_files[@]}"; do [ -s "$gw_out/$f" ] || have=0; done
for f in "${eg_files[@]}"; do [ -s "$eg_out/$f" ] || have=0; done
[ "$have" = 1 ] && exit 0
# The module's directory in the cache, from `go mod download -json` (run outside any module).
module_dir() {
  (cd "$(mktemp -d)" && go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
}
mkdir -p "$k8s_out" "$gw_out" "$eg_out"
dir="$(module_dir "k8s.io/kubernetes@$kubernetes")"
for f in "${k8s_files[@]}"; do cp "$dir/api/openapi-spec/v3/$f" "$k8s_out/$f"; done
dir="$(module_dir "sigs.k8s.io/gateway-api@$gateway_api")"
for f in "${gw_files[@]}"; do cp "$dir/config/crd/standard/$f" "$gw_out/$f"; done
# Envoy Gateway's own CRDs, as its Helm chart installs them (the release the model reads, src/model/gateway/envoy-gateway.ts).
dir="$(module_dir "github.com/envoyproxy/gateway@$envoy_gateway")"
for f in "${eg_files[@]}"; do cp "$dir/charts/gateway-helm/charts/crds/crds/generated/$f" "$eg_out/$f"; done
chmod u+w "$k8s_out"/* "$gw_out"/* "$eg_out"/*
echo "schemas: copied into $out" >&2
