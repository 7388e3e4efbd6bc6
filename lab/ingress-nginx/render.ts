/**
 * Runs the renderer that lab/ingress-nginx/build.sh builds (ingress-nginx's own template code and nginx.tmpl, from the
 * pinned module) for one set of the ConfigMap options the model takes, and says which release it renders.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IngressNginxConfig, IngressNginxRelease } from '../../src/model/ingress-nginx.ts';

/** Where build.sh puts the renderer. */
export const rendererPath = join(import.meta.dirname, '..', '..', '.cache', 'bin', 'ingress-nginx-render');

/** The release and module version the built renderer comes from (build.sh's stamp), or null when it is not built. */
export function rendererVersion(): { release: string; module: string } | null {
  const stamp = `${rendererPath}.stamp`;
  if (!existsSync(rendererPath) || !existsSync(stamp)) return null;
  const [release, version] = readFileSync(stamp, 'utf8').trim().split(' ');
  return release && version ? { release, module: `k8s.io/ingress-nginx ${version}` } : null;
}

/** The ConfigMap data for the model's options, in ingress-nginx's spelling. */
export function ingressNginxConfigMap(config: IngressNginxConfig): Record<string, string> {
  return {
    'use-forwarded-headers': String(config.useForwardedHeaders),
    'compute-full-forwarded-for': String(config.computeFullForwardedFor),
    'use-proxy-protocol': String(config.useProxyProtocol),
    'enable-real-ip': String(config.enableRealIp),
    'proxy-real-ip-cidr': config.proxyRealIpCidr.join(','),
  };
}

/** The nginx.conf ingress-nginx's template renders for these options and one upstream endpoint. */
export function renderIngressNginxConf(configMap: Record<string, string>, endpoint: { address: string; port: string }): string {
  return execFileSync(rendererPath, [], { input: JSON.stringify({ configMap, endpoint }), encoding: 'utf8', timeout: 10_000 });
}

/** The model's release line for a controller tag (`controller-v1.11.0` → v1.12-or-earlier): PR 12768 landed in v1.13.0. */
export function modelReleaseOf(tag: string): IngressNginxRelease {
  const match = /^controller-v1\.(\d+)\./.exec(tag);
  if (!match) throw new Error(`lab: cannot read the ingress-nginx release from "${tag}"`);
  return Number(match[1]) >= 13 ? 'v1.13-or-later' : 'v1.12-or-earlier';
}
