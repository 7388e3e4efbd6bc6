/**
 * <resolver-widget>: makes the server-rendered resolver form live. On every
 * input it reads the form, asks the model (`resolveClientIp`) and shows the
 * answer, the steps, the warnings and a message next to each input at fault.
 */
import { announce, debounce, linkQuery, replaceQuery, showFieldMessages, showNotices, wireCopyLink } from './chrome.ts';
import { listItemsHtml } from '../views/html.ts';
import { MAX_INPUT_CHARS } from '../views/chrome.ts';
import {
  applyPreset,
  clientIpDetectionChoices,
  resolverPresets,
  rewriteModeChoices,
  stateFromQuery,
  stateToQuery,
  type ResolverState,
} from '../views/resolver-state.ts';
import { resolverView } from '../views/resolver-view.ts';
import { strategyKinds, type StrategyKind } from '../model/index.ts';

class ResolverWidgetElement extends HTMLElement {
  /** Updates once typing pauses: one update per pause, not one per key. */
  #schedule = debounce(() => this.#update([], true));

  connectedCallback(): void {
    const form = this.querySelector('form');
    if (!form) return;
    const link = linkQuery(this);
    const { state, notices } = stateFromQuery(link ?? new URLSearchParams());
    if (link) this.#fill(state);
    this.#update(notices, false);
    this.dataset.ready = '';
    form.addEventListener('input', () => this.#schedule());
    form.addEventListener('change', () => this.#schedule());
    form.addEventListener('submit', (event) => event.preventDefault());
    // A preset sets several inputs at once, then the answer follows as after any change.
    this.querySelectorAll<HTMLButtonElement>('[data-preset]').forEach((button) =>
      button.addEventListener('click', () => {
        const preset = resolverPresets[button.dataset.preset as keyof typeof resolverPresets];
        if (!preset) return;
        this.#fill(applyPreset(this.#read(), preset));
        this.#update([], true);
      }),
    );
    // The link of the form as it is now, even within the debounce after a keystroke.
    wireCopyLink(this, () => stateToQuery(this.#read()).query);
  }

  /** Reads the form into a state. */
  #read(): ResolverState {
    const value = (name: string) => {
      const element = this.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
      return (element?.value ?? '').slice(0, MAX_INPUT_CHARS);
    };
    const strategy = value('strategy');
    const choice = <T extends string>(name: string, choices: readonly T[], fallback: T): T => {
      const chosen = value(name);
      return (choices as readonly string[]).includes(chosen) ? (chosen as T) : fallback;
    };
    return {
      remoteAddr: value('remoteAddr'),
      headers: value('headers'),
      strategy: (strategyKinds as readonly string[]).includes(strategy) ? (strategy as StrategyKind) : 'trusted-cidrs',
      trusted: value('trusted'),
      hops: value('hops'),
      recursive: this.querySelector<HTMLInputElement>('[name="recursive"]')?.checked ?? false,
      recurse: this.querySelector<HTMLInputElement>('[name="recurse"]')?.checked ?? true,
      header: value('header'),
      trust: value('trust'),
      useRemoteAddress: this.querySelector<HTMLInputElement>('[name="useRemoteAddress"]')?.checked ?? false,
      clientIPDetection: choice('clientIPDetection', clientIpDetectionChoices, 'none'),
      failClosed: this.querySelector<HTMLInputElement>('[name="failClosed"]')?.checked ?? false,
      mode: choice('mode', rewriteModeChoices, 'XForwardedFor'),
      proxyProtocol: value('proxyProtocol'),
    };
  }

  /** Writes a state into the form. */
  #fill(state: ResolverState): void {
    for (const name of [
      'remoteAddr',
      'headers',
      'strategy',
      'trusted',
      'hops',
      'header',
      'trust',
      'clientIPDetection',
      'mode',
      'proxyProtocol',
    ] as const) {
      const element = this.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${name}"]`);
      if (element) element.value = state[name];
    }
    for (const name of ['recursive', 'recurse', 'useRemoteAddress', 'failClosed'] as const) {
      const box = this.querySelector<HTMLInputElement>(`[name="${name}"]`);
      if (box) box.checked = state[name];
    }
  }

  /** Resolves the form's state and shows the answer; writes the state to the URL after a change by the reader. */
  #update(linkNotices: string[], fromReader: boolean): void {
    const started = performance.now();
    const state = this.#read();
    const view = resolverView(state);
    const output = this.querySelector<HTMLElement>('[data-field="clientIp"]');
    if (output) {
      output.dataset.value = view.clientIp.value;
      output.textContent = view.clientIp.text;
    }
    const warnings = this.querySelector<HTMLElement>('[data-field="warnings"]');
    if (warnings) {
      warnings.dataset.value = view.warnings.join('\n');
      warnings.innerHTML = listItemsHtml(view.warnings, '<li>none</li>');
    }
    const steps = this.querySelector<HTMLElement>('[data-steps]');
    if (steps) steps.innerHTML = listItemsHtml(view.steps);
    for (const [input, messages] of Object.entries(view.messages)) showFieldMessages(this, input, messages);
    this.querySelectorAll<HTMLElement>('[data-for-strategies]').forEach((field) => {
      field.hidden = !(field.dataset.forStrategies ?? '').split(' ').includes(state.strategy);
    });
    // The address bar always carries the full, explicit state (forwarding headers only), after a link as after a change.
    const written = stateToQuery(state);
    replaceQuery(written.query);
    const notices = [...linkNotices, ...written.notices];
    if (fromReader)
      announce(this, `Client IP: ${view.clientIp.text}. ${view.warnings.length} warning${view.warnings.length === 1 ? '' : 's'}.`);
    showNotices(this, notices);
    // How long the last update took, for the benchmark.
    this.dataset.updateMs = (performance.now() - started).toFixed(1);
  }
}

if (!customElements.get('resolver-widget')) customElements.define('resolver-widget', ResolverWidgetElement);
