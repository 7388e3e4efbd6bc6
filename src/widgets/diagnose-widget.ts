/** <diagnose-widget>: reads the form (or a link), asks the model, shows every setup that explains what the app saw, and keeps the diagnosis in the URL. */
import { announce, debounce, linkQuery, replaceQuery, showFieldMessages, showNotices, wireCopyLink } from './chrome.ts';
import { diagnoseFields, diagnoseStateFromQuery, diagnoseStateToQuery, diagnoseView, type DiagnoseState } from '../views/diagnose-view.ts';
import { diagnoseResultsHtml } from '../views/html.ts';
import { MAX_LIST_CHARS } from '../views/chrome.ts';
import { siteBase } from './site-base.ts';
import { pasteForDiagnose } from '../views/reproduce-view.ts';
import { diagnosableStates, type DiagnosableState } from '../model/index.ts';
import { decodeDiagnoseIndex, type DiagnoseIndex } from '../model/diagnose-index.ts';

class DiagnoseWidgetElement extends HTMLElement {
  /** Every delivered state of the model with its cause, read on the first diagnosis. */
  #states: Promise<readonly DiagnosableState[]> | undefined;

  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>('form.diagnose-form');
    if (!form) return;
    // Without a link's state the server-rendered diagnosis of the example is already right (no need to scan the
    // scenario space on load), unless the reader typed before the code arrived.
    const link = linkQuery(this);
    if (link) {
      const { state, notices } = diagnoseStateFromQuery(link);
      for (const field of diagnoseFields) this.#input(field).value = state[field];
      void this.#update(notices, false);
    } else if (diagnoseStateToQuery(this.#read()).toString() !== this.dataset.query) {
      void this.#update([], true);
    }
    // The address bar carries the full, explicit state: every field, then v=1.
    replaceQuery(diagnoseStateToQuery(this.#read()));
    form.addEventListener(
      'input',
      debounce(() => void this.#update([], true)),
    );
    form.addEventListener('submit', (event) => event.preventDefault());
    // The link of the form as it is now, even within the debounce after a keystroke.
    wireCopyLink(this, () => diagnoseStateToQuery(this.#read()));
    this.#wirePaste();
    this.dataset.ready = '';
  }

  /** The paste box: a transcript of the guide's netexec command fills in the peer and the headers, then diagnoses. */
  #wirePaste(): void {
    const paste = this.querySelector<HTMLFormElement>('[data-paste-form]');
    if (!paste) return;
    paste.hidden = false;
    paste.addEventListener('submit', (event) => {
      event.preventDefault();
      const status = paste.querySelector<HTMLElement>('[data-paste-result]');
      const result = pasteForDiagnose(paste.querySelector<HTMLTextAreaElement>('[data-paste]')?.value ?? '');
      if ('problem' in result) {
        if (status) status.textContent = result.problem;
        return;
      }
      for (const [field, value] of Object.entries(result.fields)) this.#input(field).value = value;
      if (status) status.textContent = ['Filled in from your paste.', ...result.messages].join(' ');
      void this.#update([], true);
    });
  }

  /** One of the form's inputs. */
  #input(name: string): HTMLInputElement {
    return this.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  }

  /** The form's state, each field cut to the longest a link carries. */
  #read(): DiagnoseState {
    return Object.fromEntries(diagnoseFields.map((f) => [f, this.#input(f).value.slice(0, MAX_LIST_CHARS)])) as unknown as DiagnoseState;
  }

  /**
   * Every diagnosable state, read once from the index the build wrote (src/pages/diagnose-states.json.ts) and kept for
   * the keystrokes that follow. Where the file cannot be read (a copy of the page saved alone), the states are traced
   * here instead: the same list, only slower.
   */
  #loadStates(): Promise<readonly DiagnosableState[]> {
    this.#states ??= fetch(`${siteBase}diagnose-states.json`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return decodeDiagnoseIndex((await response.json()) as DiagnoseIndex);
      })
      .catch(() => diagnosableStates());
    return this.#states;
  }

  /** Diagnoses the form's state and shows it; after a change by the reader, writes it to the URL. */
  async #update(notices: string[], fromReader: boolean): Promise<void> {
    const states = await this.#loadStates();
    // The form as it is once the states are in: a keystroke made while they loaded is part of this answer.
    const state = this.#read();
    const view = diagnoseView(state, siteBase, states);
    for (const field of diagnoseFields) showFieldMessages(this, field, view.messages[field] ?? []);
    const results = this.querySelector<HTMLElement>('[data-results]');
    if (results) results.innerHTML = diagnoseResultsHtml(view);
    showNotices(this, notices);
    if (fromReader) {
      replaceQuery(diagnoseStateToQuery(state));
      announce(this, view.summary);
    }
  }
}

if (!customElements.get('diagnose-widget')) customElements.define('diagnose-widget', DiagnoseWidgetElement);
