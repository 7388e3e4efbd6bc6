/**
 * haproxy-ingress's own tests of the HAProxy configuration it renders, as data, at tag v0.16.1
 * (commit 5cda817e35489ea12ba2ad2bf31857a7c7eb3b96), read from a snapshot of jcmoraisjr/haproxy-ingress (the Go
 * module proxy refuses the module here): pkg/haproxy/instance_test.go TestInstanceFrontend (forwardfor "add" with
 * the default header names: the frontend's client-IP lines) and TestInstanceGlobalBind (use-proxy-protocol sets
 * Bind.AcceptProxy: the `accept-proxy` bind parameter). The model's behaviour is written from these lines.
 */
import { describe, expect, it } from 'vitest';
import { haproxyIngressBindParameter, haproxyIngressSourceIpLines } from '../../../../../../src/model/gateway/haproxy-ingress.ts';

describe('haproxy-ingress v0.16.1 instance_test.go', () => {
  it('TestInstanceFrontend: forwardfor add, X-Original-Forwarded-For, X-Real-IP (both _front_http and _front_https)', () => {
    expect(haproxyIngressSourceIpLines({ forwardfor: 'add', useProxyProtocol: false })).toEqual([
      'http-request set-header X-Original-Forwarded-For %[hdr(x-forwarded-for)] if { hdr(x-forwarded-for) -m found }',
      'http-request del-header x-forwarded-for',
      'option forwardfor',
      'http-request set-header X-Real-IP %[src]',
    ]);
  });
  it('TestInstanceGlobalBind case 1: AcceptProxy gives "bind :80 accept-proxy"; case 2: no parameter', () => {
    expect(`bind :80${haproxyIngressBindParameter({ forwardfor: 'add', useProxyProtocol: true })}`).toBe('bind :80 accept-proxy');
    expect(`bind 127.0.0.1:80${haproxyIngressBindParameter({ forwardfor: 'add', useProxyProtocol: false })}`).toBe('bind 127.0.0.1:80');
  });
});
