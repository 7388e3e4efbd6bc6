/**
 * The resolver's state: its links (every input, then v=1; forwarding headers only, never a cookie or a token; old links
 * read with the meaning they had), and its nginx-realip defaults and presets, by hand: nginx's own default is
 * `real_ip_recursive off` (nginx docs, ngx_http_realip_module: "Syntax: real_ip_recursive on | off; Default:
 * real_ip_recursive off;"), and ingress-nginx's template writes `real_ip_recursive on`, `real_ip_header` from
 * forwarded-for-header (default X-Forwarded-For) and one `set_real_ip_from` per proxy-real-ip-cidr entry (default
 * 0.0.0.0/0) (kubernetes/ingress-nginx rootfs/etc/nginx/template/nginx.tmpl, internal/ingress/controller/config/config.go).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { strategyKinds } from '../../src/model/index.ts';
import {
  applyPreset,
  cloudPresets,
  defaultResolverState,
  gatewayPresets,
  nginxRealipPresets,
  stateFromQuery,
  stateToQuery,
  type ResolverState,
} from '../../src/views/resolver-state.ts';
import { resolverView } from '../../src/views/resolver-view.ts';
import { MAX_ADDRESS_CHARS, MAX_HEADER_TEXT_CHARS } from '../../src/views/chrome.ts';

const forged = 'X-Forwarded-For: 203.0.113.66, 192.0.2.9';

/** The inputs every link carries, in order (the links written before the gateway strategies carry exactly these). */
const baseKeys = ['remoteAddr', 'headers', 'strategy', 'trusted', 'hops', 'recursive', 'recurse', 'header', 'trust', 'useRemoteAddress'];

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

describe('resolver links', () => {
  it('carry every input in a stable order, then v=1, and read back to the same state', () => {
    const { query, notices } = stateToQuery(defaultResolverState);
    expect(notices).toEqual([]);
    expect([...query.keys()]).toEqual([...baseKeys, 'v']);
    expect(query.get('v')).toBe('1');
    expect(stateFromQuery(query)).toEqual({ state: defaultResolverState, notices: [] });
  });
  it('carry the inputs one strategy reads only for that strategy, before v', () => {
    const keys = (strategy: ResolverState['strategy']) => [...stateToQuery({ ...defaultResolverState, strategy }).query.keys()];
    for (const strategy of strategyKinds.filter((kind) => kind !== 'envoy-gateway' && kind !== 'nginx-gateway-fabric'))
      expect(keys(strategy)).toEqual([...baseKeys, 'v']);
    expect(keys('envoy-gateway')).toEqual([...baseKeys, 'clientIPDetection', 'failClosed', 'v']);
    expect(keys('nginx-gateway-fabric')).toEqual([...baseKeys, 'mode', 'proxyProtocol', 'v']);
  });
  it('read a gateway state back to the same state', () => {
    const states: ResolverState[] = [
      { ...defaultResolverState, strategy: 'envoy-gateway', clientIPDetection: 'customHeader', failClosed: true, header: 'X-Real-IP' },
      { ...defaultResolverState, strategy: 'nginx-gateway-fabric', mode: 'ProxyProtocol', proxyProtocol: '203.0.113.7' },
    ];
    for (const state of states) expect(stateFromQuery(stateToQuery(state).query)).toEqual({ state, notices: [] });
  });
  it('a select value outside its choices: a notice and the default', () => {
    const read = stateFromQuery(new URLSearchParams('strategy=envoy-gateway&clientIPDetection=bogus&mode=Proxy&v=1'));
    expect(read.state.clientIPDetection).toBe('none');
    expect(read.state.mode).toBe('XForwardedFor');
    expect(read.notices).toEqual([
      'clientIPDetection=“bogus” is not one of none, numTrustedHops, trustedCIDRs, customHeader; none is used.',
      'mode=“Proxy” is not one of XForwardedFor, ProxyProtocol, none; XForwardedFor is used.',
    ]);
  });
  it('every recorded resolver state keeps its exact link (permalinks/manifest.json)', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../permalinks/manifest.json', import.meta.url), 'utf8')) as {
      widgets: { resolver: { states: { query: string }[] } };
    };
    const queries = manifest.widgets.resolver.states.map((s) => s.query);
    expect(queries.length).toBeGreaterThanOrEqual(55);
    for (const query of queries) expect(stateToQuery(stateFromQuery(new URLSearchParams(query)).state).query.toString()).toBe(query);
  });
  it('never carry a Cookie, an Authorization header or any other pasted header, and say so', () => {
    const state = {
      ...defaultResolverState,
      headers:
        'Cookie: session=s3cret\nX-Forwarded-For: 203.0.113.7\nAuthorization: Bearer t0ken\nX-Real-IP: 203.0.113.7\nForwarded: for=203.0.113.7',
    };
    const { query, notices } = stateToQuery(state);
    expect(query.toString()).not.toMatch(/s3cret|t0ken|Cookie|Authorization/i);
    expect(query.get('headers')).toBe('X-Forwarded-For: 203.0.113.7\nX-Real-IP: 203.0.113.7\nForwarded: for=203.0.113.7');
    expect(notices).toHaveLength(1);
  });
  describe('keep every secret out, whatever the spelling', () => {
    /** The link's headers for pasted header text, with everything else at the example's values. */
    const linkHeaders = (headers: string) => stateToQuery({ ...defaultResolverState, headers }).query.get('headers');
    const secret = /s3cret/;

    it.each([
      ['lower case', 'cookie: session=s3cret'],
      ['upper case', 'COOKIE: session=s3cret'],
      ['spaces around the name', '   Cookie   : session=s3cret'],
      ['a Set-Cookie line', 'Set-Cookie: session=s3cret'],
      ['an Authorization header', 'authorization: Basic s3cret'],
      ['a Proxy-Authorization header', 'Proxy-Authorization: Bearer s3cret'],
      ['a token header', 'X-Auth-Token: s3cret'],
      ['a name that starts like a forwarding header', 'X-Forwarded-For-Token: s3cret'],
      ['a name that ends like one', 'Not-X-Real-IP: s3cret'],
      ['a folded continuation line', 'X-Forwarded-For: 203.0.113.7\n  Cookie: s3cret'],
      ['a lone CR before the cookie', 'X-Forwarded-For: 203.0.113.7\rCookie: session=s3cret'],
      ['CR LF line ends', 'X-Forwarded-For: 203.0.113.7\r\nCookie: session=s3cret\r\n'],
      ['a line with no name at all', 'Bearer s3cret'],
      ['a colon first', ': s3cret'],
    ])('%s', (_, pasted) => {
      const headers = linkHeaders(`X-Real-IP: 203.0.113.9\n${pasted}`);
      expect(headers).not.toMatch(secret);
      expect(headers).toContain('X-Real-IP: 203.0.113.9');
    });

    it('the forwarding header before a lone CR stays in the link, and the model reads the same lines the link keeps', () => {
      const state = { ...defaultResolverState, headers: 'X-Forwarded-For: 203.0.113.7\rCookie: session=s3cret' };
      expect(stateToQuery(state).query.get('headers')).toBe('X-Forwarded-For: 203.0.113.7');
      expect(resolverView(state).clientIp.value).toBe(resolverView({ ...state, headers: 'X-Forwarded-For: 203.0.113.7' }).clientIp.value);
    });

    it('a link that arrives carrying a cookie is read, but the link written back leaves it out', () => {
      const arriving = new URLSearchParams({ headers: 'Cookie: session=s3cret\nX-Forwarded-For: 203.0.113.7', v: '1' });
      const { state } = stateFromQuery(arriving);
      const { query, notices } = stateToQuery(state);
      expect(query.toString()).not.toMatch(secret);
      expect(query.get('headers')).toBe('X-Forwarded-For: 203.0.113.7');
      expect(notices).toHaveLength(1);
    });

    it('cutting a long header text happens after the secrets are gone, so a cut never exposes one', () => {
      const long = `X-Forwarded-For: ${Array.from({ length: 400 }, (_, i) => `198.18.${i >> 8}.${i & 255}`).join(', ')}`;
      const { query, notices } = stateToQuery({ ...defaultResolverState, headers: `Cookie: s3cret\n${long}` });
      expect(query.get('headers')).not.toMatch(secret);
      expect(query.get('headers')).toHaveLength(MAX_HEADER_TEXT_CHARS);
      expect(notices).toHaveLength(2);
    });

    it('a form holding forwarding headers only gives no notice', () => {
      expect(
        stateToQuery({ ...defaultResolverState, headers: 'x-forwarded-for: 203.0.113.7\nforwarded: for=203.0.113.7' }).notices,
      ).toEqual([]);
    });
  });

  it('read on/off as true/false without a notice', () => {
    const { state, notices } = stateFromQuery(new URLSearchParams('strategy=nginx-realip&recursive=on&useRemoteAddress=off'));
    expect(notices).toEqual([]);
    expect(state.recursive).toBe(true);
    expect(state.useRemoteAddress).toBe(false);
  });
  it('cut an overlong value to its limit and say which', () => {
    const { state, notices } = stateFromQuery(new URLSearchParams({ remoteAddr: '1'.repeat(MAX_ADDRESS_CHARS + 1), v: '1' }));
    expect(state.remoteAddr).toHaveLength(MAX_ADDRESS_CHARS);
    expect(notices).toEqual([`The link's remoteAddr is longer than ${MAX_ADDRESS_CHARS} characters and was cut.`]);
  });
  it('name an unknown parameter', () => {
    expect(stateFromQuery(new URLSearchParams('utm_source=postmortem&v=1')).notices).toEqual([
      'Unknown parameter “utm_source” is ignored.',
    ]);
  });
  it('name an unknown state format version and an unreadable box', () => {
    const { notices } = stateFromQuery(new URLSearchParams('v=9&recursive=yes'));
    expect(notices).toHaveLength(2);
    expect(notices.join(' ')).toContain('v=');
    expect(notices.join(' ')).toContain('recursive=');
  });
});

describe('gateway presets', () => {
  // Expected answers by hand: Envoy Gateway v1.9.0 internal/xds/translator/listener.go (no clientIPDetection:
  // use_remote_address true; numTrustedHops N: the Nth entry from the right; trustedCIDRs: the walk), NGINX Gateway
  // Fabric v2.6.7 apis/v1alpha2/nginxproxy_types.go (setIPRecursively off: the rightmost entry from a trusted peer).
  const expected: Record<keyof typeof gatewayPresets, string> = {
    'envoy-gateway': '192.0.2.2',
    'envoy-gateway-hops': '203.0.113.7',
    'envoy-gateway-cidrs': '203.0.113.7',
    'nginx-gateway-fabric': '203.0.113.7',
  };
  for (const [id, answer] of Object.entries(expected)) {
    it(`${id} answers ${answer} on the example input`, () => {
      const state = applyPreset(defaultResolverState, gatewayPresets[id as keyof typeof gatewayPresets]);
      expect(resolverView(state).clientIp.value).toBe(answer);
    });
  }
});

describe('cloud presets', () => {
  // Expected answers by hand, from each provider's documentation of the header it sends (cited on cloudPresets):
  // Google's front end sends `<unverified>, <client>, <forwarding rule IP>`, so two trusted hops (the front end, the
  // forwarding rule) leave the client; the ALB in append mode appends the client to what the client sent; Application
  // Gateway appends `IP:port`, whose address nginx's realip reads (ngx_parse_addr_port) without the port.
  const expected: Record<keyof typeof cloudPresets, string> = {
    'gcp-two-hops': '203.0.113.7',
    'aws-alb-append': '203.0.113.7',
    'azure-appgw': '203.0.113.7',
  };
  for (const [id, answer] of Object.entries(expected)) {
    it(`${id} answers ${answer} whatever the form held before`, () => {
      for (const before of [defaultResolverState, { ...defaultResolverState, strategy: 'express' as const, headers: '' }]) {
        const state = applyPreset(before, cloudPresets[id as keyof typeof cloudPresets]);
        expect(resolverView(state).clientIp.value).toBe(answer);
      }
    });
    it(`${id} writes no parameter a link did not already carry`, () => {
      const state = applyPreset(defaultResolverState, cloudPresets[id as keyof typeof cloudPresets]);
      expect([...stateToQuery(state).query.keys()]).toEqual([...stateToQuery(defaultResolverState).query.keys()]);
    });
  }
  it('Google with one trusted hop answers the forwarding rule’s address, not the client', () => {
    const state = applyPreset(defaultResolverState, {
      ...cloudPresets['gcp-two-hops'],
      set: { ...cloudPresets['gcp-two-hops'].set, hops: '1' },
    });
    expect(resolverView(state).clientIp.value).toBe('198.51.100.10');
  });
  it('behind Application Gateway, Express answers the entry with its port and Envoy the gateway', () => {
    const azure = applyPreset(defaultResolverState, cloudPresets['azure-appgw']);
    expect(resolverView({ ...azure, strategy: 'express', trust: '10.1.0.0/24' }).clientIp.value).toBe('203.0.113.7:51234');
    expect(resolverView({ ...azure, strategy: 'envoy-xff-cidrs' }).clientIp.value).toBe('10.1.0.5');
  });
});
