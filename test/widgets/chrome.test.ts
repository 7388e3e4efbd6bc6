/**
 * The DOM half of the widgets' plumbing, on stand-in elements (plain objects with the few members it touches): one
 * debounce delay, the notice box, the messages next to an input, the live region and the copy-link button.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { announce, DEBOUNCE_MS, debounce, replaceQuery, showFieldMessages, showNotices, wireCopyLink } from '../../src/widgets/chrome.ts';

/** A stand-in for a widget's root element: `querySelector` answers from a table of selectors. */
function root(elements: Record<string, object>): ParentNode {
  return { querySelector: (selector: string) => elements[selector] ?? null } as unknown as ParentNode;
}

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, DEBOUNCE_MS after the last call', () => {
    const run = vi.fn();
    const schedule = debounce(run);
    schedule();
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    schedule();
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });
  it('each debounced function keeps its own timer', () => {
    const first = vi.fn();
    const second = vi.fn();
    debounce(first)();
    debounce(second)();
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
  });
  it('one delay for every widget, between a word typed at speed and a visible lag', () => {
    expect(DEBOUNCE_MS).toBeGreaterThanOrEqual(100);
    expect(DEBOUNCE_MS).toBeLessThanOrEqual(200);
  });
});

describe('showNotices', () => {
  it('shows the notices after the lead, and hides an empty box', () => {
    const box = { hidden: true, textContent: '' };
    showNotices(root({ '[data-notices]': box }), ['One.', 'Two.'], 'Lead: ');
    expect(box).toEqual({ hidden: false, textContent: 'Lead: One. Two.' });
    showNotices(root({ '[data-notices]': box }), [], 'Lead: ');
    expect(box).toEqual({ hidden: true, textContent: '' });
  });
  it('does nothing without a box', () => {
    expect(() => showNotices(root({}), ['One.'])).not.toThrow();
  });
});

describe('showFieldMessages', () => {
  it('lists the messages escaped next to the input and marks the input invalid, then clears both', () => {
    const list = { innerHTML: '' };
    const attributes: Record<string, string> = {};
    const input = { setAttribute: (name: string, value: string) => (attributes[name] = value) };
    const form = root({ '[data-message-for="remoteAddr"]': list, '[name="remoteAddr"]': input });
    showFieldMessages(form, 'remoteAddr', ['“<b>” is not an IP address.']);
    expect(list.innerHTML).toBe('<li>“&#60;b&#62;” is not an IP address.</li>');
    expect(attributes['aria-invalid']).toBe('true');
    showFieldMessages(form, 'remoteAddr', []);
    expect(list.innerHTML).toBe('');
    expect(attributes['aria-invalid']).toBe('false');
  });
});

describe('announce', () => {
  it('writes the sentence into the live region as text', () => {
    const live = { textContent: '' };
    announce(root({ '[data-announce]': live }), 'Client IP: <b>');
    expect(live.textContent).toBe('Client IP: <b>');
  });
});

describe('the page’s address', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('replaceQuery swaps the query in place, keeping the anchor and the history entry’s state', () => {
    const replaceState = vi.fn();
    vi.stubGlobal('location', { href: 'https://example.org/guide/resolver/?old=1#try-it' });
    vi.stubGlobal('history', { state: { kept: true }, replaceState });
    replaceQuery(new URLSearchParams('a=1&v=1'));
    expect(replaceState).toHaveBeenCalledWith({ kept: true }, '', 'https://example.org/guide/resolver/?a=1&v=1#try-it');
  });

  it('the copy-link button copies the query of the moment it is clicked, or shows the link when the clipboard refuses', async () => {
    let click: () => void = () => {};
    const button = { addEventListener: (_: string, handler: () => void) => (click = handler) };
    const status = { textContent: '' };
    let query = new URLSearchParams('a=1');
    vi.stubGlobal('location', { href: 'https://example.org/guide/diagnose/#form' });
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    wireCopyLink(root({ '[data-copy-link]': button, '[data-copy-status]': status }), () => query);
    query = new URLSearchParams('a=2&v=1');
    click();
    await vi.waitFor(() => expect(status.textContent).toBe('Link copied.'));
    expect(writeText).toHaveBeenCalledWith('https://example.org/guide/diagnose/?a=2&v=1#form');

    vi.stubGlobal('navigator', { clipboard: { writeText: () => Promise.reject(new Error('denied')) } });
    click();
    await vi.waitFor(() => expect(status.textContent).toBe('Copy this link: https://example.org/guide/diagnose/?a=2&v=1#form'));
  });
});
