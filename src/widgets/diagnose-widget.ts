/** <diagnose-widget>: reads the form (or a link), asks the model, shows every setup that explains what the app saw, and keeps the diagnosis in the URL. */
import { copyLink, replaceQuery } from './copy-link.ts';
import { withQuery } from './permalink.ts';
import { diagnoseFields, diagnoseStateFromQuery, diagnoseStateToQuery, diagnoseView, type DiagnoseState } from './diagnose-view.ts';
import { diagnoseResultsHtml, escapeHtml } from './html.ts';
import { siteBase } from './site-base.ts';

class DiagnoseWidgetElement extends HTMLElement {
  #timer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    const form = this.querySelector('form');
    if (!form) return;
    // Without a link's state the server-rendered diagnosis of the example is already right: no need to scan the scenario space on load.
    if (location.search) {
      const { state, notices } = diagnoseStateFromQuery(new URLSearchParams(location.search));
      for (const field of diagnoseFields) this.#input(field).value = state[field];
      this.#update(notices, false);
    }
    // The address bar carries the full, explicit state: every field, then v=1.
    replaceQuery(diagnoseStateToQuery(this.#read()));
    form.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#update([], true), 150);
    });
    form.addEventListener('submit', (event) => event.preventDefault());
    // The link of the form as it is now, even within the debounce after a keystroke.
    this.querySelector('[data-copy-link]')?.addEventListener(
      'click',
      () => void copyLink(withQuery(location.href, diagnoseStateToQuery(this.#read())), this.querySelector('[data-copy-status]')),
    );
    this.dataset.ready = '';
  }

  /** One of the form's inputs. */
  #input(name: string): HTMLInputElement {
    return this.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  }

  /** The form's state, each field cut to the longest a link carries. */
  #read(): DiagnoseState {
    return Object.fromEntries(diagnoseFields.map((f) => [f, this.#input(f).value.slice(0, 2000)])) as unknown as DiagnoseState;
  }

  /** Diagnoses the form's state and shows it; after a change by the reader, writes it to the URL. */
  #update(notices: string[], fromReader: boolean): void {
    const state = this.#read();
    const view = diagnoseView(state, siteBase);
    for (const field of diagnoseFields) {
      const messages = view.messages[field] ?? [];
      const list = this.querySelector<HTMLElement>(`[data-message-for="${field}"]`);
      if (list) list.innerHTML = messages.map((m) => `<li>${escapeHtml(m)}</li>`).join('');
      this.#input(field).setAttribute('aria-invalid', String(messages.length > 0));
    }
    const results = this.querySelector<HTMLElement>('[data-results]');
    if (results) results.innerHTML = diagnoseResultsHtml(view);
    const box = this.querySelector<HTMLElement>('[data-notices]');
    if (box) {
      box.hidden = notices.length === 0;
      box.textContent = notices.join(' ');
    }
    if (fromReader) {
      replaceQuery(diagnoseStateToQuery(state));
      const live = this.querySelector<HTMLElement>('[data-announce]');
      if (live) live.textContent = view.summary;
    }
  }
}

if (!customElements.get('diagnose-widget')) customElements.define('diagnose-widget', DiagnoseWidgetElement);
