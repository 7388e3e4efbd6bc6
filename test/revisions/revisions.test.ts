/** The revisions data file: every entry complete, dated, with states the model accepts and site paths. */
import { describe, expect, it } from 'vitest';
import { trace } from '../../src/model/index.ts';
import { revisions } from '../../src/revisions/revisions.ts';

describe('revisions', () => {
  it('ids are unique and dates are real days, oldest first', () => {
    expect(new Set(revisions.map((r) => r.id)).size).toBe(revisions.length);
    for (const r of revisions) {
      expect(r.date, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${r.date}T00:00:00Z`).toISOString().slice(0, 10), r.id).toBe(r.date);
    }
    const dates = revisions.map((r) => r.date);
    expect(dates).toEqual([...dates].sort());
  });
  it('each entry says what it was, what it is, why, and where from; and links somewhere', () => {
    for (const r of revisions) {
      for (const text of [r.title, r.before, r.after, r.why]) expect(text.trim().length, r.id).toBeGreaterThan(10);
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      expect(r.states.length + r.pages.length, r.id).toBeGreaterThan(0);
      for (const page of r.pages) expect(page, r.id).toMatch(/^\/([a-z0-9-]+\/)*$/);
    }
  });
  it('every state names a scenario and parameters the model accepts', () => {
    for (const r of revisions)
      for (const s of r.states) {
        const t = trace(s.scenario, new URLSearchParams(s.params));
        expect(t.error, `${r.id} ${s.scenario}`).toBeUndefined();
        expect(t.notices, `${r.id} ${s.scenario}?${s.params}`).toEqual([]);
      }
  });
  it('holds the corrections of issue 10 this helper made', () => {
    expect(revisions.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        '2026-11-26-nodeport-health-check',
        '2026-11-26-ipvs-reply',
        '2026-11-26-nftables-drop-rule',
        '2026-11-26-not-delivered-labels',
      ]),
    );
  });
});
