/**
 * The "Moving off ingress-nginx" widget as plain data: its state read from a form or a link and written back to a
 * link, the model's answer (`migrate`) turned into YAML text, a before/after table and the answer fields, and a clear
 * message for each input at fault. Untrusted text in; nothing here throws.
 */
import {
  ingressNginxClientIpDefaults,
  loadBalancerKinds,
  migrate,
  MigrationInputError,
  migrationTargets,
  type LoadBalancerKind,
  type MigrationResult,
  type MigrationTarget,
} from '../model/index.ts';
import { STATE_VERSION, STATE_VERSION_PARAM } from '../model/params.ts';
import { quote } from '../model/text.ts';
import { splitTrusted } from './address-lists.ts';
import { escapeHtml } from './html.ts';
import { cutLinkValue, MAX_HEADER_NAME_CHARS, MAX_LIST_CHARS, unknownParameterNotice, versionNotice } from './chrome.ts';

/** The load balancer control: derived from the settings, or one kind chosen. */
export type LoadBalancerChoice = 'auto' | LoadBalancerKind;

/** The load balancer choices, in the order the form lists them. */
export const loadBalancerChoices: readonly LoadBalancerChoice[] = ['auto', ...loadBalancerKinds];

/** What the migration form holds, as text and boxes. */
export interface MigrationState {
  target: MigrationTarget;
  loadBalancer: LoadBalancerChoice;
  useForwardedHeaders: boolean;
  proxyRealIpCidr: string;
  computeFullForwardedFor: boolean;
  useProxyProtocol: boolean;
  enableRealIp: boolean;
  forwardedForHeader: string;
  whitelistSourceRange: string;
  /** The sample client writes a forged entry into the forwarding header. */
  forgedHeader: boolean;
}

/** The text inputs, which can carry a message. */
export const migrationTextInputs = ['proxyRealIpCidr', 'forwardedForHeader', 'whitelistSourceRange'] as const;

/** The boxes. */
export const migrationBoxes = [
  'useForwardedHeaders',
  'computeFullForwardedFor',
  'useProxyProtocol',
  'enableRealIp',
  'forgedHeader',
] as const;

/** The state a reader sees first: ingress-nginx behind an HTTP load balancer in 192.0.2.0/24, an allowlist, moving to Envoy Gateway. */
export const defaultMigrationState: MigrationState = {
  target: 'envoy-gateway',
  loadBalancer: 'auto',
  useForwardedHeaders: true,
  proxyRealIpCidr: '192.0.2.0/24',
  computeFullForwardedFor: false,
  useProxyProtocol: false,
  enableRealIp: false,
  forwardedForHeader: ingressNginxClientIpDefaults.forwardedForHeader,
  whitelistSourceRange: '203.0.113.0/24',
  forgedHeader: false,
};

/** How the form and the page name each target and load balancer kind. */
export const targetLabels: Record<MigrationTarget, string> = {
  'envoy-gateway': 'Envoy Gateway',
  istio: 'Istio',
  cilium: 'Cilium',
  kgateway: 'kgateway',
  'nginx-gateway-fabric': 'NGINX Gateway Fabric',
  traefik: 'Traefik',
  'haproxy-ingress': 'haproxy-ingress',
};

/** How the form names each load balancer choice. */
export const loadBalancerLabels: Record<LoadBalancerChoice, string> = {
  auto: 'derived from the settings',
  'l4-passthrough': 'L4 passthrough (the client arrives)',
  'http-appending': 'HTTP load balancer appending X-Forwarded-For',
  'proxy-protocol': 'L4 load balancer sending PROXY protocol',
};

/** How an output field of the widget reads: the load balancer by its label, any other field as its value, or a dash when empty. */
export function migrationFieldText(name: MigrationFieldName, value: string): string {
  if (name === 'loadBalancer' && value in loadBalancerLabels) return loadBalancerLabels[value as LoadBalancerChoice];
  return value || '—';
}

/** The answer fields the widget shows, each with a stable `data-field` name. */
export const migrationFieldNames = [
  'beforeClientIp',
  'afterClientIp',
  'beforeXForwardedFor',
  'afterXForwardedFor',
  'beforeXRealIp',
  'afterXRealIp',
  'beforeXOriginalForwardedFor',
  'afterXOriginalForwardedFor',
  'beforeXEnvoyExternalAddress',
  'afterXEnvoyExternalAddress',
  'allowlistBefore',
  'allowlistMatches',
  'allowlistAllowed',
  'loadBalancer',
] as const;

/** One answer field's name. */
export type MigrationFieldName = (typeof migrationFieldNames)[number];

/** One row of the before/after table. */
export interface ComparisonRow {
  label: string;
  before: { field: MigrationFieldName; value: string; text: string };
  after: { field: MigrationFieldName; value: string; text: string };
}

/** Everything the widget shows for a state. */
export interface MigrationView {
  /** Messages per text input; empty lists when the input is fine. */
  messages: Record<(typeof migrationTextInputs)[number], string[]>;
  /** The model's answer, or null when an input is at fault. */
  result: MigrationResult | null;
  yaml: string;
  sample: string;
  rows: ComparisonRow[];
  /** Every answer field's value (`data-value`): empty where the answer has none. */
  fields: Record<MigrationFieldName, string>;
  mappings: MigrationResult['mappings'];
  noEquivalent: string[];
  allowlistText: string;
}

/** A YAML scalar: plain where YAML reads it back as the same string, else double-quoted (JSON's quoting is valid YAML). */
function yamlScalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  const plain =
    /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/.test(text) &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(text) &&
    !text.endsWith(' ');
  return plain ? text : JSON.stringify(text);
}

/** A mapping key, quoted when it is not a plain word. */
function yamlKey(key: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(key) ? key : JSON.stringify(key);
}

/** Renders plain data as block YAML, two spaces an indent. */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}[]\n`;
    return value
      .map((item) => {
        if (item !== null && typeof item === 'object' && Object.keys(item).length > 0) {
          const inner = toYaml(item, `${indent}  `);
          return `${indent}- ${inner.slice(indent.length + 2)}`;
        }
        return `${indent}- ${inlineYaml(item)}\n`;
      })
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return `${indent}{}\n`;
    return entries
      .map(([key, item]) => {
        const nested = item !== null && typeof item === 'object' && (Array.isArray(item) ? item.length > 0 : Object.keys(item).length > 0);
        return nested ? `${indent}${yamlKey(key)}:\n${toYaml(item, `${indent}  `)}` : `${indent}${yamlKey(key)}: ${inlineYaml(item)}\n`;
      })
      .join('');
  }
  return `${indent}${yamlScalar(value)}\n`;
}

/** A value on the same line as its key: a scalar, `{}` or `[]`. */
function inlineYaml(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (value !== null && typeof value === 'object') return '{}';
  return yamlScalar(value);
}

/** The model's settings for a state, and the messages of the text inputs at fault. */
function settingsOf(state: MigrationState) {
  return {
    useForwardedHeaders: state.useForwardedHeaders,
    proxyRealIpCidr: splitTrusted(state.proxyRealIpCidr),
    computeFullForwardedFor: state.computeFullForwardedFor,
    useProxyProtocol: state.useProxyProtocol,
    enableRealIp: state.enableRealIp,
    forwardedForHeader: state.forwardedForHeader.trim(),
    whitelistSourceRange: splitTrusted(state.whitelistSourceRange),
  };
}

/** The model's field names (ingress-nginx's keys) as the form's inputs. */
const inputOfSetting: Record<string, (typeof migrationTextInputs)[number]> = {
  'proxy-real-ip-cidr': 'proxyRealIpCidr',
  'forwarded-for-header': 'forwardedForHeader',
  'whitelist-source-range': 'whitelistSourceRange',
};

/** A header's value for the table: the value, or "not sent". */
function shown(value: string | undefined | null, none = 'not sent'): { value: string; text: string } {
  return value === undefined || value === null || value === '' ? { value: '', text: none } : { value, text: value };
}

/** The widget's view of a state. */
export function migrationView(state: MigrationState): MigrationView {
  const messages: MigrationView['messages'] = { proxyRealIpCidr: [], forwardedForHeader: [], whitelistSourceRange: [] };
  let result: MigrationResult | null = null;
  try {
    result = migrate({
      settings: settingsOf(state),
      target: state.target,
      ...(state.loadBalancer === 'auto' ? {} : { loadBalancer: state.loadBalancer }),
      clientForgesHeader: state.forgedHeader,
    });
  } catch (error) {
    if (!(error instanceof MigrationInputError)) throw error;
    const input = inputOfSetting[error.field];
    const text = error.message.slice(error.field.length + 2);
    if (input) messages[input].push(`${error.field}: ${text}`);
    else messages.proxyRealIpCidr.push(error.message);
  }
  const fields = Object.fromEntries(migrationFieldNames.map((name) => [name, ''])) as Record<MigrationFieldName, string>;
  if (result === null) {
    return { messages, result, yaml: '', sample: '', rows: [], fields, mappings: [], noEquivalent: [], allowlistText: '' };
  }
  const b = result.before;
  const a = result.after;
  const client = (answer: typeof b) =>
    answer.rejected ? { value: '', text: `refused: ${answer.rejected}` } : shown(answer.clientIp, 'none');
  const header = (answer: typeof b, name: string) => (answer.rejected ? { value: '', text: '—' } : shown(answer.headers[name]));
  const rows: ComparisonRow[] = [
    {
      label: 'The proxy’s client (its log, allowlist, rate limit)',
      before: { field: 'beforeClientIp', ...client(b) },
      after: { field: 'afterClientIp', ...client(a) },
    },
    {
      label: 'X-Forwarded-For',
      before: { field: 'beforeXForwardedFor', ...header(b, 'x-forwarded-for') },
      after: { field: 'afterXForwardedFor', ...header(a, 'x-forwarded-for') },
    },
    {
      label: 'X-Real-IP',
      before: { field: 'beforeXRealIp', ...header(b, 'x-real-ip') },
      after: { field: 'afterXRealIp', ...header(a, 'x-real-ip') },
    },
    {
      label: 'X-Original-Forwarded-For',
      before: { field: 'beforeXOriginalForwardedFor', ...header(b, 'x-original-forwarded-for') },
      after: { field: 'afterXOriginalForwardedFor', ...header(a, 'x-original-forwarded-for') },
    },
    {
      label: 'x-envoy-external-address',
      before: { field: 'beforeXEnvoyExternalAddress', ...header(b, 'x-envoy-external-address') },
      after: { field: 'afterXEnvoyExternalAddress', ...header(a, 'x-envoy-external-address') },
    },
  ];
  for (const row of rows) {
    fields[row.before.field] = row.before.value;
    fields[row.after.field] = row.after.value;
  }
  fields.loadBalancer = result.loadBalancer;
  let allowlistText = 'No whitelist-source-range: nothing to compare.';
  if (result.allowlist) {
    const al = result.allowlist;
    fields.allowlistBefore = al.before.matches ?? '';
    fields.allowlistMatches = al.after.matches ?? '';
    fields.allowlistAllowed = al.after.allowed === null ? '' : String(al.after.allowed);
    const verdict = (x: { matches: string | null; allowed: boolean | null }) =>
      x.matches === null
        ? 'no address (the request is refused or the entry is missing)'
        : `${x.matches}, ${x.allowed ? 'allowed' : 'refused'}`;
    allowlistText = `whitelist-source-range ${al.ranges.join(', ')} compared ${verdict(al.before)}. ${
      al.successor
        ? `Its successor, ${al.successor}, compares ${verdict(al.after)}.`
        : `After the move, the target's client is ${verdict(al.after)}.`
    } ${al.note}`;
  }
  const yaml = result.resources.map((r) => `# ${r.title}\n${toYaml(r.document)}`).join('---\n');
  return {
    messages,
    result,
    yaml,
    sample: result.sample,
    rows,
    fields,
    mappings: result.mappings,
    noEquivalent: result.noEquivalent,
    allowlistText,
  };
}

/** The full state as a link's query, every parameter explicit, then v=1. */
export function migrationStateToQuery(state: MigrationState): URLSearchParams {
  return new URLSearchParams({
    target: state.target,
    loadBalancer: state.loadBalancer,
    useForwardedHeaders: String(state.useForwardedHeaders),
    proxyRealIpCidr: state.proxyRealIpCidr,
    computeFullForwardedFor: String(state.computeFullForwardedFor),
    useProxyProtocol: String(state.useProxyProtocol),
    enableRealIp: String(state.enableRealIp),
    forwardedForHeader: state.forwardedForHeader,
    whitelistSourceRange: state.whitelistSourceRange,
    forgedHeader: String(state.forgedHeader),
    [STATE_VERSION_PARAM]: STATE_VERSION,
  });
}

/** Reads a state from a link: missing parameters take the default; invalid ones too, with a notice. */
export function migrationStateFromQuery(query: URLSearchParams): { state: MigrationState; notices: string[] } {
  const notices: string[] = [];
  const state: MigrationState = { ...defaultMigrationState };
  const choice = <T extends string>(name: 'target' | 'loadBalancer', allowed: readonly T[]): T | undefined => {
    const value = query.get(name);
    if (value === null) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    notices.push(`${name}=${quote(value)} is not one of ${allowed.join(', ')}; ${state[name]} is used.`);
    return undefined;
  };
  state.target = choice('target', migrationTargets) ?? state.target;
  state.loadBalancer = choice('loadBalancer', loadBalancerChoices) ?? state.loadBalancer;
  for (const name of migrationBoxes) {
    const value = query.get(name);
    if (value === null) continue;
    if (value === 'true' || value === 'on') state[name] = true;
    else if (value === 'false' || value === 'off') state[name] = false;
    else notices.push(`${name}=${quote(value)} is not true or false; ${state[name]} is used.`);
  }
  const text = (name: (typeof migrationTextInputs)[number], max: number) => {
    const value = query.get(name);
    if (value !== null) state[name] = cutLinkValue(name, value, max, notices);
  };
  text('proxyRealIpCidr', MAX_LIST_CHARS);
  text('whitelistSourceRange', MAX_LIST_CHARS);
  text('forwardedForHeader', MAX_HEADER_NAME_CHARS);
  const version = query.get(STATE_VERSION_PARAM);
  const versionText = version === null ? null : versionNotice(version);
  if (versionText) notices.push(versionText);
  const known = new Set([...Object.keys(defaultMigrationState), STATE_VERSION_PARAM]);
  for (const name of new Set(query.keys())) if (!known.has(name)) notices.push(unknownParameterNotice(name));
  return { state, notices };
}

/** The before/after table's body rows; every value escaped, each cell carrying its answer field. */
export function comparisonRowsHtml(rows: readonly ComparisonRow[]): string {
  const cell = (c: ComparisonRow['before']) =>
    `<td data-field="${c.field}" data-value="${escapeHtml(c.value)}">${c.value ? `<code>${escapeHtml(c.text)}</code>` : escapeHtml(c.text)}</td>`;
  return rows.map((row) => `<tr><th scope="row">${escapeHtml(row.label)}</th>${cell(row.before)}${cell(row.after)}</tr>`).join('');
}

/** The mapping table's body rows: the ingress-nginx setting, its value, the target's field or "no equivalent", and the note. */
export function mappingRowsHtml(mappings: MigrationView['mappings']): string {
  if (mappings.length === 0) return '<tr><td colspan="4">These settings are ingress-nginx’s defaults: nothing to map.</td></tr>';
  return mappings
    .map(
      (m) =>
        `<tr><td><code>${escapeHtml(m.setting)}</code></td><td><code>${escapeHtml(m.value)}</code></td><td>${
          m.equivalent === null ? '<strong>no equivalent</strong>' : `<code>${escapeHtml(m.equivalent)}</code>`
        }</td><td>${escapeHtml(m.note)}</td></tr>`,
    )
    .join('');
}
