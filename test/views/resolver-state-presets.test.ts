/**
 * The resolver's nginx-realip defaults and presets, by hand: nginx's own default is `real_ip_recursive off`
 * (nginx docs, ngx_http_realip_module: "Syntax: real_ip_recursive on | off; Default: real_ip_recursive off;"), and
 * ingress-nginx's template writes `real_ip_recursive on`, `real_ip_header` from forwarded-for-header (default
 * X-Forwarded-For) and one `set_real_ip_from` per proxy-real-ip-cidr entry (default 0.0.0.0/0)
 * (kubernetes/ingress-nginx rootfs/etc/nginx/template/nginx.tmpl, internal/ingress/controller/config/config.go).
 */
import { describe, expect, it } from 'vitest';
import { applyPreset, defaultResolverState, nginxRealipPresets, stateFromQuery, stateToQuery } from '../../src/views/resolver-state.ts';
import { resolverView } from '../../src/views/resolver-view.ts';

const forged = 'X-Forwarded-For: 203.0.113.66, 192.0.2.9';

describe('nginx-realip starts from nginx’s defaults', () => {
  it('recursive is off: the rightmost entry is taken as it is, even a trusted one', () => {
    expect(defaultResolverState.recursive).toBe(false);
    const state = { ...defaultResolverState, strategy: 'nginx-realip' as const, headers: forged };
    expect(resolverView(state).clientIp.value).toBe('192.0.2.9');
  });
  it('Envoy’s walk keeps its own box, on by default as in every release', () => {
    expect(defaultResolverState.recurse).toBe(true);
    const state = { ...defaultResolverState, strategy: 'envoy-xff-cidrs' as const, headers: forged };
    expect(resolverView(state).clientIp.value).toBe('203.0.113.66');
  });
});

describe('presets set several inputs at once', () => {
  it('ingress-nginx: recursive on, X-Forwarded-For, every peer trusted; the rest of the input stays', () => {
    const state = applyPreset({ ...defaultResolverState, remoteAddr: '192.0.2.77' }, nginxRealipPresets['ingress-nginx']);
    expect(state).toMatchObject({ strategy: 'nginx-realip', recursive: true, header: 'X-Forwarded-For', trusted: '0.0.0.0/0' });
    expect(state.remoteAddr).toBe('192.0.2.77');
    // Trusting every peer and walking: the forged leftmost entry wins.
    expect(resolverView({ ...state, headers: 'X-Forwarded-For: 203.0.113.66, 203.0.113.7' }).clientIp.value).toBe('203.0.113.66');
  });
  it('nginx defaults: recursive off and X-Real-IP, which the example does not carry, so the peer stays', () => {
    const state = applyPreset(defaultResolverState, nginxRealipPresets.nginx);
    expect(state).toMatchObject({ strategy: 'nginx-realip', recursive: false, header: 'X-Real-IP' });
    expect(resolverView(state).clientIp.value).toBe(defaultResolverState.remoteAddr);
  });
});

describe('links keep their meaning', () => {
  it('an old link that set recursive explicitly keeps it, on or off', () => {
    expect(stateFromQuery(new URLSearchParams('strategy=nginx-realip&recursive=true')).state.recursive).toBe(true);
    expect(stateFromQuery(new URLSearchParams('strategy=nginx-realip&recursive=false')).state.recursive).toBe(false);
  });
  it('an old Envoy link carried the walk in recursive: it still means the walk', () => {
    const { state, notices } = stateFromQuery(new URLSearchParams('strategy=envoy-xff-cidrs&recursive=false'));
    expect(notices).toEqual([]);
    expect(state.recurse).toBe(false);
  });
  it('a new link writes both boxes and reads back the same state', () => {
    const state = { ...defaultResolverState, strategy: 'envoy-xff-cidrs' as const, recursive: true, recurse: false };
    const { query } = stateToQuery(state);
    expect(query.get('recursive')).toBe('true');
    expect(query.get('recurse')).toBe('false');
    expect(stateFromQuery(query).state).toEqual(state);
  });
});

describe('links keep the meaning they had when they were written', () => {
  it('a link without v= that leaves recursive out was written when the form started with recursive on: it stays on', () => {
    const { state, notices } = stateFromQuery(new URLSearchParams('strategy=nginx-realip&trusted=192.0.2.0/24'));
    expect(notices).toEqual([]);
    expect(state.recursive).toBe(true);
    expect(resolverView({ ...state, headers: forged }).clientIp.value).toBe('203.0.113.66');
  });
  it('a versioned link (v=1) that leaves recursive out reads nginx’s default, off', () => {
    expect(stateFromQuery(new URLSearchParams('strategy=nginx-realip&v=1')).state.recursive).toBe(false);
  });
  it('a page opened without any query shows the default form, recursive off', () => {
    expect(stateFromQuery(new URLSearchParams('')).state.recursive).toBe(false);
  });
  it('an explicit recursive in an old link wins', () => {
    expect(stateFromQuery(new URLSearchParams('strategy=nginx-realip&recursive=false')).state.recursive).toBe(false);
  });
});
