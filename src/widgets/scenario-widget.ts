/**
 * <scenario-widget>: makes a server-rendered scenario widget live. It reads the
 * state from the URL, and on every change traces the model, updates the answer
 * fields, the hop table and both diagrams, and writes the state back to the URL.
 * It renders the model; it computes no networking itself.
 */
import { findScenario, formatValues, roleName, trace } from '../model/index.ts';
import type { Trace } from '../model/index.ts';
import { diagramAlt, diagramsOf } from '../diagrams/diagrams-of.ts';
import { fieldValues, hopRows } from '../views/fields.ts';
import { clientOutcome } from '../views/outcome.ts';
import { announce, linkQuery, replaceQuery, showNotices, wireCopyLink } from './chrome.ts';
import { NO_EQUIVALENT_NOTICE } from '../model/scenarios/gateway.ts';
import { hopTableRowsHtml } from '../views/html.ts';
import { revisionNoticeHtml, scenarioQuery } from '../views/permalink.ts';
import { marksCovering, type RevisionMark } from '../revisions/coverage.ts';
import { siteBase } from './site-base.ts';
import { providerPanelHtml, providerPanelKey, providerPanelState } from '../views/provider-view.ts';
import { labAddressRows } from '../evidence/lab-address-map.ts';
import { evidenceFileName, evidenceOutputFileName, evidenceView, type StateEvidence } from '../evidence/evidence.ts';
import { evidenceOutputHtml, evidenceSourcesHtml, outputFileLinkHtml } from '../views/evidence-output.ts';
import { recipeFor, type Recipe } from '../reproduce/recipe.ts';
import { pasteBoxHtml, pasteResultHtml, pasteVerdict, reproduceHtml } from '../views/reproduce-view.ts';

const diagramBase = `${siteBase}diagrams/`;

/**
 * Shows another state's diagram: two new images of its file (light, and dark through #dark; one file, one
 * request), put in place once loaded, so a diagram being replaced never shows half-loaded and a load in progress is
 * never cut off. The reader is using the widget, so the file loads now rather than when it nears the viewport.
 * Does nothing once decoded if another state was asked for meanwhile (its own call shows that one).
 */
async function showImages(holder: HTMLElement, src: string, alt: string, current: () => boolean): Promise<void> {
  const images = ['light', 'dark'].map((theme) =>
    Object.assign(document.createElement('img'), {
      className: `diagram-img ${theme}`,
      alt,
      decoding: 'async',
      src: theme === 'dark' ? `${src}#dark` : src,
    }),
  );
  await Promise.all(images.map((image) => image.decode()));
  if (current()) holder.replaceChildren(...images);
}

/** A sentence for screen readers saying what the app now sees. */
function announcement(t: Trace): string {
  if (!t.observed) return `Not delivered: ${clientOutcome(t)?.phrase ?? 'the request never reaches the app'}. ${t.dropReason ?? ''}`;
  const o = t.observed;
  return `The app now sees remote_addr ${o.remoteAddr.ip}, ${roleName(o.remoteAddr.role, t.id)}; X-Forwarded-For ${
    o.xForwardedFor ? formatValues(o.xForwardedFor) : 'not sent'
  }.`;
}

/**
 * A scenario's revision marks, from the file the build writes (scripts/write-revision-marks.ts): which of its states
 * a correction revised. Only a state other than the default needs them (the server rendered the default's notice), so
 * they are not in the page. A missing or unreadable file means none.
 */
async function fetchMarks(scenario: string): Promise<RevisionMark[]> {
  try {
    const response = await fetch(`${siteBase}revision-marks/${scenario}.json`);
    const marks: unknown = response.ok ? await response.json() : [];
    return Array.isArray(marks) ? (marks as RevisionMark[]) : [];
  } catch {
    return [];
  }
}

class ScenarioWidgetElement extends HTMLElement {
  #id = '';
  #shown = { flowchart: '', sequence: '' };
  #evidenceFile = '';
  /** The revisions of this scenario, once fetched. */
  #revisions: Promise<RevisionMark[]> = Promise.resolve([]);
  /** The canonical query of the state shown: what the address bar and a copied link carry. */
  #query = new URLSearchParams();
  /** The recipe of the state shown, once the code has written it (the server's has no copy buttons): the paste box compares with it. */
  #recipe: { query: string; recipe: Recipe } | undefined;

  connectedCallback(): void {
    this.#id = this.dataset.scenario ?? '';
    if (!findScenario(this.#id)) return;
    this.#revisions = fetchMarks(this.#id);
    this.querySelectorAll<HTMLElement>('[data-diagram]').forEach((figure) => {
      this.#shown[figure.dataset.diagram as 'flowchart' | 'sequence'] = figure.dataset.hash ?? '';
    });
    // A link's state wins (old names and values read through the model's aliases); without one, keep whatever the
    // reader chose before the code arrived. Either way the address bar then carries the full, explicit state.
    const fromLink = linkQuery(this);
    if (fromLink && [...fromLink.keys()].length > 0) this.#show(trace(this.#id, fromLink), false);
    else this.#onChange();
    this.dataset.ready = '';
    const controls = this.querySelector<HTMLFormElement>('form.widget-controls');
    controls?.addEventListener('change', (event) => this.#onChange(event));
    controls?.addEventListener('submit', (event) => event.preventDefault());
    wireCopyLink(this, () => this.#query);
    this.#wireReproduce();
  }

  /** The "Reproduce it" section: copy buttons on its blocks, and the paste box compared with the state shown. */
  #wireReproduce(): void {
    this.querySelector('.reproduce')?.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-copy-block]');
      const text = button?.parentElement?.querySelector('pre')?.textContent;
      if (!button || text == null) return;
      navigator.clipboard.writeText(text).then(
        () => (button.textContent = 'Copied'),
        () => (button.textContent = 'Select and copy by hand'),
      );
      setTimeout(() => (button.textContent = 'Copy'), 2000);
    });
    const section = this.querySelector<HTMLElement>('.reproduce');
    if (!section) return;
    // Written here: comparing needs this code, so the server render has no paste box (nor copy buttons: #render writes
    // the recipe again, with them, for the first state shown).
    section.insertAdjacentHTML('beforeend', pasteBoxHtml(`${this.#id}-paste`));
    section.querySelector('[data-paste-form]')?.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#comparePaste();
    });
  }

  /** Compares the paste box's text with the state shown and writes the verdict. */
  #comparePaste(): void {
    const text = this.querySelector<HTMLTextAreaElement>('[data-paste]')?.value ?? '';
    const result = this.querySelector<HTMLElement>('[data-paste-result]');
    if (!result || !this.#recipe) return;
    result.innerHTML = pasteResultHtml(pasteVerdict(this.#recipe.recipe.expected, text, siteBase));
  }

  /** Reads the controls and shows their state. */
  #onChange(event?: Event): void {
    const form = this.querySelector<HTMLFormElement>('form.widget-controls');
    if (!form) return;
    const params: Record<string, string> = {};
    new FormData(form).forEach((value, name) => {
      if (typeof value === 'string') params[name] = value;
    });
    // Only the control the reader changed counts as set: a listener left over from another provider is not a mistake of theirs.
    const changed = event?.target instanceof HTMLSelectElement ? [event.target.name] : [];
    this.#show(trace(this.#id, params, { given: changed }), true);
  }

  /** Shows a state and writes its canonical query (every parameter, then v=1) to the address bar. */
  #show(t: Trace, announceChange: boolean): void {
    this.#query = scenarioQuery(t);
    replaceQuery(this.#query);
    this.#render(t, announceChange);
  }

  /** Shows a trace: controls, notices, answer fields, hop table and diagrams. */
  #render(t: Trace, announceChange: boolean): void {
    const inapplicable = new Set(t.inapplicable);
    for (const [name, value] of Object.entries(t.params)) {
      const select = this.querySelector<HTMLSelectElement>(`select[name="${CSS.escape(name)}"]`);
      if (select) select.value = value;
      const help = this.querySelector<HTMLElement>(`[data-help="${CSS.escape(name)}"]`);
      const spec = findScenario(this.#id)?.params.find((p) => p.name === name);
      if (help && spec) help.textContent = (spec.help as Record<string, string>)[value] ?? '';
      // Greyed out, not disabled: the value stays in the link and the reader may still change it.
      this.querySelector<HTMLElement>(`[data-param="${CSS.escape(name)}"]`)?.toggleAttribute('data-inapplicable', inapplicable.has(name));
    }
    void this.#showRevisionNotice(t);
    // A gateway setting with no equivalent in the chosen implementation is a state of its own, not a link the guide misread.
    const unknown = t.notices.some((notice) => !notice.startsWith(NO_EQUIVALENT_NOTICE));
    showNotices(this, t.notices, unknown ? 'This link had settings the guide does not know: ' : undefined);
    const values = fieldValues(t);
    this.querySelectorAll<HTMLElement>('[data-field]').forEach((element) => {
      const field = values[element.dataset.field as keyof typeof values];
      if (!field) return;
      element.dataset.value = field.value;
      element.textContent = field.text;
    });
    const panel = this.querySelector<HTMLElement>('[data-provider-panel]');
    if (panel && panel.dataset.providerPanel !== providerPanelKey(t.params)) {
      panel.dataset.providerPanel = providerPanelKey(t.params);
      panel.innerHTML = providerPanelHtml(providerPanelState(t.id, t.params));
    }
    const hops = this.querySelector<HTMLElement>('[data-hops]');
    if (hops) hops.innerHTML = hopTableRowsHtml(hopRows(t));
    const section = this.querySelector<HTMLElement>('[data-recipe]');
    const shown = this.#query.toString();
    if (section && this.#recipe?.query !== shown) {
      this.#recipe = { query: shown, recipe: recipeFor(t) };
      section.innerHTML = reproduceHtml(this.#recipe.recipe, true);
      if (this.querySelector<HTMLTextAreaElement>('[data-paste]')?.value) this.#comparePaste();
    }
    void this.#showDiagrams(t);
    void this.#showEvidence(t);
    if (announceChange) announce(this, announcement(t));
  }

  /** Says whether a correction revised the state's answer, once the scenario's revision marks have arrived. */
  async #showRevisionNotice(t: Trace): Promise<void> {
    // #show sets a new #query for every state: marks arriving late never label another state.
    const shown = this.#query;
    const marks = await this.#revisions;
    const revised = this.querySelector<HTMLElement>('[data-revision-notice]');
    if (!revised || this.#query !== shown) return;
    const html = revisionNoticeHtml(marksCovering(marks, t.params), siteBase);
    revised.hidden = html === '';
    revised.innerHTML = html;
  }

  /** Shows the lab's evidence for the state, or says the lab did not run it. */
  async #showEvidence(t: Trace): Promise<void> {
    const file = evidenceFileName(t.id, t.params);
    this.#evidenceFile = file;
    let evidence: StateEvidence | undefined;
    try {
      const response = await fetch(`${siteBase}evidence/${file}`);
      if (response.ok) evidence = ((await response.json()) as StateEvidence | null) ?? undefined;
    } catch {
      evidence = undefined;
    }
    if (this.#evidenceFile !== file) return;
    const view = evidenceView(evidence, siteBase);
    const headline = this.querySelector<HTMLElement>('[data-evidence-headline]');
    if (headline) headline.textContent = view.headline;
    const link = this.querySelector<HTMLAnchorElement>('[data-evidence-link]');
    if (link) {
      link.hidden = !view.link;
      link.textContent = view.link?.text ?? '';
      if (view.link) link.href = view.link.href;
      else link.removeAttribute('href');
    }
    // The disclosure's content is not in the served page (it links the text file instead): written here for each state.
    const sources = this.querySelector<HTMLElement>('[data-evidence-sources]');
    if (sources) sources.innerHTML = evidenceSourcesHtml(view);
    const output = this.querySelector<HTMLElement>('[data-evidence-output]');
    if (output) output.innerHTML = evidenceOutputHtml(view, labAddressRows());
    // The link to the state's text file, only where the lab ran the state (no link to a file that does not exist).
    const outputFile = this.querySelector<HTMLElement>('[data-evidence-output-file]');
    if (outputFile)
      outputFile.innerHTML = view.command === '' ? '' : outputFileLinkHtml(`${siteBase}evidence/${evidenceOutputFileName(t.id, t.params)}`);
    const details = this.querySelector<HTMLElement>('[data-evidence-details]');
    if (details) details.hidden = view.command === '';
  }

  /** Swaps both diagrams for the state's own, or says a diagram could not be loaded; never shows another state's diagram. */
  async #showDiagrams(t: Trace): Promise<void> {
    const wanted = diagramsOf(t);
    await Promise.all(
      (['flowchart', 'sequence'] as const).map(async (kind) => {
        const hash = wanted[kind].hash;
        if (this.#shown[kind] === hash) return;
        const figure = this.querySelector<HTMLElement>(`[data-diagram="${kind}"]`);
        const holder = figure?.querySelector<HTMLElement>('.diagram-svg');
        if (!figure || !holder) return;
        this.#shown[kind] = hash;
        figure.dataset.hash = hash;
        figure.setAttribute('aria-busy', 'true');
        try {
          await showImages(holder, `${diagramBase}${hash}.svg`, diagramAlt(wanted, kind), () => this.#shown[kind] === hash);
        } catch {
          if (this.#shown[kind] === hash) holder.textContent = 'This diagram could not be loaded. The hop table describes the same path.';
        } finally {
          if (this.#shown[kind] === hash) figure.removeAttribute('aria-busy');
        }
      }),
    );
    const description = this.querySelector<HTMLElement>('[data-diagram-description]');
    if (description) description.textContent = wanted.description;
  }
}

if (!customElements.get('scenario-widget')) customElements.define('scenario-widget', ScenarioWidgetElement);
