/**
 * <migration-widget>: makes the server-rendered migration form live. On every change it reads the form, asks the
 * model (`migrate`, through the view) and shows the target's YAML, the before/after table, the allowlist comparison,
 * the mapping and the plain "no equivalent" list, with a message next to an input at fault; the URL carries the state.
 */
import { announce, debounce, linkQuery, replaceQuery, showFieldMessages, showNotices, wireCopyLink } from './chrome.ts';
import { listItemsHtml } from '../views/html.ts';
import { MAX_INPUT_CHARS } from '../views/chrome.ts';
import {
  migrationFieldText,
  comparisonRowsHtml,
  defaultMigrationState,
  loadBalancerChoices,
  mappingRowsHtml,
  migrationBoxes,
  migrationStateFromQuery,
  migrationStateToQuery,
  migrationTextInputs,
  migrationView,
  targetLabels,
  type LoadBalancerChoice,
  type MigrationState,
} from '../views/migration-view.ts';
import { migrationTargets, type MigrationTarget } from '../model/index.ts';

class MigrationWidgetElement extends HTMLElement {
  /** Updates once typing pauses: one update per pause, not one per key. */
  #schedule = debounce(() => this.#update([], true));

  connectedCallback(): void {
    const form = this.querySelector('form');
    if (!form) return;
    const link = linkQuery(this);
    const { state, notices } = migrationStateFromQuery(link ?? new URLSearchParams());
    if (link) this.#fill(state);
    this.#update(notices, false);
    form.addEventListener('input', () => this.#schedule());
    form.addEventListener('change', () => this.#schedule());
    form.addEventListener('submit', (event) => event.preventDefault());
    // The link of the form as it is now, even within the debounce after a keystroke.
    wireCopyLink(this, () => migrationStateToQuery(this.#read()));
    this.dataset.ready = '';
  }

  /** One named control of the form. */
  #control<T extends HTMLElement>(name: string): T | null {
    return this.querySelector<T>(`[name="${name}"]`);
  }

  /** Reads the form into a state; a select holding an unknown value keeps the default. */
  #read(): MigrationState {
    const text = (name: string) => (this.#control<HTMLInputElement>(name)?.value ?? '').slice(0, MAX_INPUT_CHARS);
    const target = text('target');
    const loadBalancer = text('loadBalancer');
    const state: MigrationState = {
      ...defaultMigrationState,
      target: (migrationTargets as readonly string[]).includes(target) ? (target as MigrationTarget) : defaultMigrationState.target,
      loadBalancer: (loadBalancerChoices as readonly string[]).includes(loadBalancer) ? (loadBalancer as LoadBalancerChoice) : 'auto',
    };
    for (const name of migrationTextInputs) state[name] = text(name);
    for (const name of migrationBoxes) state[name] = this.#control<HTMLInputElement>(name)?.checked ?? false;
    return state;
  }

  /** Writes a state into the form. */
  #fill(state: MigrationState): void {
    for (const name of ['target', 'loadBalancer', ...migrationTextInputs] as const) {
      const element = this.#control<HTMLInputElement | HTMLSelectElement>(name);
      if (element) element.value = state[name];
    }
    for (const name of migrationBoxes) {
      const box = this.#control<HTMLInputElement>(name);
      if (box) box.checked = state[name];
    }
  }

  /** Sets a part's inner HTML, when the part is there. */
  #set(selector: string, html: string): void {
    const element = this.querySelector<HTMLElement>(selector);
    if (element) element.innerHTML = html;
  }

  /** Answers the form's state and shows it; writes the state to the URL. */
  #update(linkNotices: string[], fromReader: boolean): void {
    const started = performance.now();
    const state = this.#read();
    const view = migrationView(state);
    for (const name of migrationTextInputs) showFieldMessages(this, name, view.messages[name]);
    const answer = this.querySelector<HTMLElement>('[data-answer]');
    if (answer) answer.hidden = view.result === null;
    const code = this.querySelector<HTMLElement>('[data-yaml]');
    if (code) code.textContent = view.yaml;
    this.querySelectorAll<HTMLElement>('[data-target-name]').forEach((el) => (el.textContent = targetLabels[state.target]));
    const sample = this.querySelector<HTMLElement>('[data-sample]');
    if (sample) sample.textContent = view.sample;
    this.#set('[data-comparison]', comparisonRowsHtml(view.rows));
    this.#set('[data-mappings]', mappingRowsHtml(view.mappings));
    this.#set('[data-no-equivalent]', listItemsHtml(view.noEquivalent, '<li>none</li>'));
    const allowlist = this.querySelector<HTMLElement>('[data-allowlist]');
    if (allowlist) allowlist.textContent = view.allowlistText;
    for (const name of ['allowlistBefore', 'allowlistMatches', 'allowlistAllowed', 'loadBalancer'] as const) {
      const output = this.querySelector<HTMLElement>(`output[data-field="${name}"]`);
      if (output) {
        output.dataset.value = view.fields[name];
        output.textContent = migrationFieldText(name, view.fields[name]);
      }
    }
    // The address bar always carries the full, explicit state, after a link as after a change.
    replaceQuery(migrationStateToQuery(state));
    showNotices(this, linkNotices);
    if (fromReader) {
      announce(
        this,
        view.result
          ? `${targetLabels[state.target]}: client ${view.fields.afterClientIp || 'none'}, X-Forwarded-For ${view.fields.afterXForwardedFor || 'not sent'}.`
          : 'An input needs fixing; see its message.',
      );
    }
    // How long the last update took, for the benchmark.
    this.dataset.updateMs = (performance.now() - started).toFixed(1);
  }
}

if (!customElements.get('migration-widget')) customElements.define('migration-widget', MigrationWidgetElement);
