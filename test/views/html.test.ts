/** The widgets' HTML strings: markup typed into any input is shown as text, never rendered as markup. */
import { describe, expect, it } from 'vitest';
import { diagnoseResultsHtml, escapeHtml, escapeText, hopTableRowsHtml, listItemsHtml } from '../../src/views/html.ts';
import { defaultDiagnoseState, diagnoseView } from '../../src/views/diagnose-view.ts';
import { hopRows } from '../../src/views/fields.ts';
import { MAX_SHOWN_ADDRESS_CHARS } from '../../src/views/chrome.ts';
import type { DiagnoseView } from '../../src/views/diagnose-view.ts';
import { traced } from '../model/helpers.ts';

/** Markup that would run script if it were rendered, and breaks out of a quoted attribute. */
const attack = `"><img src=x onerror="alert('x')"><script>alert(1)</script>&amp;`;

describe('escapeText', () => {
  it('escapes what can open markup in element content, and leaves quotes and > as they are', () => {
    expect(escapeText(`<a href="x">&amp;</a> 'y' >`)).toBe(`&lt;a href="x">&amp;amp;&lt;/a> 'y' >`);
    // Parsed back as content, the text is the original.
    const div = `<div>${escapeText('<script>alert(1)</script>')}</div>`;
    expect(div).not.toContain('<script>');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that open markup or end an attribute, as numeric references', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
  it('leaves every other character as it is', () => {
    expect(escapeHtml('203.0.113.7 → 10.0.0.1, “quoted” ✕')).toBe('203.0.113.7 → 10.0.0.1, “quoted” ✕');
  });
  it('escapes an entity once more, so it shows as typed', () => {
    expect(escapeHtml('&lt;')).toBe('&#38;lt;');
  });
});

describe('listItemsHtml', () => {
  it('one escaped list item per text', () => {
    expect(listItemsHtml(['a < b', '<b>bold</b>'])).toBe('<li>a &#60; b</li><li>&#60;b&#62;bold&#60;/b&#62;</li>');
  });
  it('the fallback when there are none, and nothing without one', () => {
    expect(listItemsHtml([], '<li>none</li>')).toBe('<li>none</li>');
    expect(listItemsHtml([])).toBe('');
  });
});

describe('hopTableRowsHtml', () => {
  it('one row per hop, every cell escaped', () => {
    const html = hopTableRowsHtml([{ step: '1', at: attack, kind: attack, src: attack, dst: attack, headers: attack, what: attack }]);
    expect(html.match(/<tr>/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
  it('a hop without headers shows a dash', () => {
    const html = hopTableRowsHtml([{ step: '1', at: 'a', kind: 'b', src: 'c', dst: 'd', headers: '', what: 'e' }]);
    expect(html).toContain('<td class="headers">—</td>');
  });
  it('renders a real trace: as many rows as hops', () => {
    const t = traced('nodeport', { externalTrafficPolicy: 'Cluster' });
    expect(hopTableRowsHtml(hopRows(t)).match(/<tr>/g)).toHaveLength(t.hops.length);
  });
});

describe('diagnoseResultsHtml', () => {
  it('shows markup typed into the address fields as text: in the table, the messages and nowhere as a tag', () => {
    const view = diagnoseView({ ...defaultDiagnoseState, remoteAddr: attack, xForwardedFor: `203.0.113.7, ${attack}` });
    const html = diagnoseResultsHtml(view);
    expect(view.addresses.length).toBeGreaterThan(0);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;img');
  });
  it('cuts a long entered address to what the table shows', () => {
    const long = `${'1'.repeat(MAX_SHOWN_ADDRESS_CHARS)}TAIL`;
    const html = diagnoseResultsHtml(diagnoseView({ ...defaultDiagnoseState, remoteAddr: long }));
    expect(html).toContain(`<code>${'1'.repeat(MAX_SHOWN_ADDRESS_CHARS)}</code>`);
    expect(html).not.toContain('TAIL</code>');
  });
  it('escapes every text of a group: title, cause, fix, configuration, link and label', () => {
    const view: DiagnoseView = {
      messages: {},
      addresses: [],
      groups: [
        {
          scenario: attack,
          title: attack,
          cause: 'cluster-masquerade',
          causeText: attack,
          fix: attack,
          config: attack,
          links: [{ href: attack, label: attack }],
          more: 2,
        },
      ],
      total: 3,
      summary: attack,
    };
    const html = diagnoseResultsHtml(view);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/="[^"]*"><img/);
    expect(html).toContain('and 2 more combinations of the same cause');
    expect(html).toContain('data-field="matches" data-value="3"');
  });
  it('the example: one table of addresses and the matches count in its data-field', () => {
    const view = diagnoseView(defaultDiagnoseState);
    const html = diagnoseResultsHtml(view);
    expect(html.match(/<table/g)).toHaveLength(1);
    expect(html).toContain(`data-field="matches" data-value="${view.total}"`);
    expect(html.match(/<section class="diagnosis-group"/g)).toHaveLength(view.groups.length);
  });
});
