/** Scenario permalinks: the canonical query carries every parameter and the format version, and reads back to the same state. */
import { describe, expect, it } from 'vitest';
import { definitions, scenarioStates, scenarios, trace } from '../../src/model/index.ts';
import { revisionNoticeHtml, scenarioPermalink, scenarioQuery, whatChangedHref } from '../../src/views/permalink.ts';

describe('scenarioQuery', () => {
  it('writes the default state in full, in the scenario’s parameter order, then v=1', () => {
    expect(scenarioQuery(trace('pod-to-pod')).toString()).toBe('via=pod-ip&placement=other-node&podNetwork=bridge&caller=pod&v=1');
  });
  it('writes canonical values for a link that used aliases, and leaves unknown parameters out', () => {
    const t = trace('ingress', new URLSearchParams('useProxyProtocol=on&utm_source=postmortem&lb=l4-proxy-protocol'));
    const query = scenarioQuery(t);
    expect(query.get('useProxyProtocol')).toBe('true');
    expect(query.get('lb')).toBe('l4-proxy-protocol');
    expect(query.has('utm_source')).toBe(false);
    expect([...query.keys()]).toEqual([...scenarios.find((s) => s.id === 'ingress')!.params.map((p) => p.name), 'v']);
  });
  it('reads back to the same state, with no notice the state does not have itself, for every state of every scenario', () => {
    for (const scenario of definitions) {
      for (const params of scenarioStates(scenario)) {
        const t = trace(scenario.id, params);
        const again = trace(scenario.id, new URLSearchParams(scenarioQuery(t).toString()));
        // A link that gave a parameter another one fixes (with a provider, the listener) is read as the fixed state: its
        // canonical query carries the fixed value, so reading it back repeats every notice but that one.
        expect(t.notices).toEqual(expect.arrayContaining(again.notices));
        expect(again.params).toEqual(t.params);
        if (t.notices.length === again.notices.length) expect(again.params).toEqual(params);
      }
    }
  });
  it('is empty for an unknown scenario', () => {
    expect(scenarioQuery(trace('no-such-scenario')).toString()).toBe('');
  });
});

describe('links', () => {
  it('puts the scenario page under the base path', () => {
    expect(scenarioPermalink(trace('nodeport', { externalTrafficPolicy: 'Local' }), '/guide/')).toBe(
      '/guide/scenarios/nodeport/?externalTrafficPolicy=Local&entry=node-without-endpoint&podNetwork=bridge&source=external&proxyMode=iptables&spoofedHeader=none&v=1',
    );
    expect(whatChangedHref('/', 'a b')).toBe('/what-changed/#a%20b');
  });
});

describe('revisionNoticeHtml', () => {
  it('is empty for a state no revision covers', () => {
    expect(revisionNoticeHtml([], '/')).toBe('');
  });
  it('names each day once and links each entry, escaping the title', () => {
    const html = revisionNoticeHtml(
      [
        { id: 'one', date: '2026-11-26', title: 'A <b> title', families: [] },
        { id: 'two', date: '2026-11-26', title: 'Second', families: [] },
        { id: 'three', date: '2027-01-02', title: 'Third', families: [] },
      ],
      '/base/',
    );
    expect(html).toBe(
      'This answer was revised on <time datetime="2026-11-26">2026-11-26</time>: <a href="/base/what-changed/#one">A &#60;b&#62; title</a>, <a href="/base/what-changed/#two">Second</a>; on <time datetime="2027-01-02">2027-01-02</time>: <a href="/base/what-changed/#three">Third</a>.',
    );
  });
});
