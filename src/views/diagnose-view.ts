/**
 * The diagnose page's state (what the reader entered) and what it shows for it:
 * each address classified, and every matching scenario state grouped by cause,
 * with the fix. One function for the server render and the browser update; the
 * networking is all in the model's classifyAddress and diagnoseCandidates.
 */
import { causeTexts, classifyAddress, diagnoseCandidates, rolesOfClass, scenarios, type DiagnosableState } from '../model/index.ts';
import type { AddressClass, CauseId, ClusterInfo, Role } from '../model/index.ts';
import { splitTrustedList } from './address-lists.ts';
import { quote } from '../model/text.ts';
import { STATE_VERSION, STATE_VERSION_PARAM } from '../model/params.ts';
import { scenarioPermalink } from './permalink.ts';
import { cutLinkValue, MAX_LIST_CHARS, unknownParameterNotice, versionNotice } from './chrome.ts';

/** The form's fields, as text. */
export interface DiagnoseState {
  remoteAddr: string;
  xForwardedFor: string;
  xRealIp: string;
  proxyProtocol: string;
  podCidr: string;
  nodeAddresses: string;
  loadBalancers: string;
  ingressPods: string;
}

/** The field names, in form order: also the URL's parameter names. */
export const diagnoseFields = [
  'remoteAddr',
  'xForwardedFor',
  'xRealIp',
  'proxyProtocol',
  'podCidr',
  'nodeAddresses',
  'loadBalancers',
  'ingressPods',
] as const;

/**
 * The example a reader starts from, one that narrows to a single cause: every request seems to come from 10.244.1.1
 * (a node's bridge gateway), with two X-Forwarded-For entries and neither X-Real-IP nor a PROXY header. Only an HTTP
 * load balancer under Cluster produces that.
 */
export const defaultDiagnoseState: DiagnoseState = {
  remoteAddr: '10.244.1.1',
  xForwardedFor: '203.0.113.66, 203.0.113.7',
  xRealIp: 'none',
  proxyProtocol: 'none',
  podCidr: '10.244.0.0/16',
  nodeAddresses: '10.0.0.0/24',
  loadBalancers: '',
  ingressPods: '',
};

/** One classified address: where it was seen (field id and its name), what it probably is (class id and its name), and why. */
export interface ClassifiedAddress {
  field: string;
  fieldLabel: string;
  ip: string;
  role: AddressClass;
  roleText: string;
  reason: string;
}

/** The fields' names as the results table shows them. */
const fieldLabels: Record<keyof DiagnoseState, string> = {
  remoteAddr: 'Remote address',
  xForwardedFor: 'X-Forwarded-For',
  xRealIp: 'X-Real-IP',
  proxyProtocol: 'PROXY source',
  podCidr: 'Pod CIDR',
  nodeAddresses: 'Node addresses',
  loadBalancers: 'Load balancers',
  ingressPods: 'Ingress pods',
};

/** What an address class means, in words. */
const classTexts: Record<AddressClass, string> = {
  'client-or-external': 'a client, or an address a client wrote',
  pod: 'a pod',
  'pod-network-gateway': 'a node’s pod-network gateway',
  node: 'a node',
  'load-balancer': 'the load balancer',
  'ingress-pod': 'an ingress controller or gateway pod',
  unknown: 'unknown',
};

/** One group of matches: a scenario and a cause, the fix, and links to the states. */
export interface MatchGroup {
  scenario: string;
  title: string;
  cause: CauseId;
  causeText: string;
  fix: string;
  config: string;
  links: { href: string; label: string }[];
  more: number;
}

/** Everything the page shows. */
export interface DiagnoseView {
  messages: Partial<Record<keyof DiagnoseState, string[]>>;
  addresses: ClassifiedAddress[];
  groups: MatchGroup[];
  total: number;
  summary: string;
}

const LINKS_PER_GROUP = 6;

/** Reads the state from a URL query: unknown names and overlong values give notices. */
export function diagnoseStateFromQuery(query: URLSearchParams): { state: DiagnoseState; notices: string[] } {
  const notices: string[] = [];
  const state: DiagnoseState = { ...defaultDiagnoseState };
  if ([...query.keys()].some((k) => (diagnoseFields as readonly string[]).includes(k))) {
    for (const field of diagnoseFields) state[field] = '';
  }
  for (const [name, value] of query) {
    if (name === STATE_VERSION_PARAM) {
      const notice = versionNotice(value);
      if (notice) notices.push(notice);
      continue;
    }
    if (!(diagnoseFields as readonly string[]).includes(name)) {
      notices.push(unknownParameterNotice(name));
      continue;
    }
    state[name as keyof DiagnoseState] = cutLinkValue(name, value, MAX_LIST_CHARS, notices);
  }
  return { state, notices };
}

/**
 * Writes the state as a URL query: every field in form order, empty ones too (an empty field means "not known", and a
 * link must not fall back to an example that may change), then the state format's version.
 */
export function diagnoseStateToQuery(state: DiagnoseState): URLSearchParams {
  const query = new URLSearchParams();
  for (const field of diagnoseFields) query.set(field, state[field].slice(0, MAX_LIST_CHARS));
  query.set(STATE_VERSION_PARAM, STATE_VERSION);
  return query;
}

/** A short label for a state: the parameters that differ from the scenario's defaults. */
function stateLabel(scenario: string, params: Record<string, string>): string {
  const specs = scenarios.find((s) => s.id === scenario)?.params ?? [];
  const changed = specs.filter((spec) => params[spec.name] !== spec.default).map((spec) => `${spec.name}=${params[spec.name]}`);
  return changed.length ? changed.join(', ') : 'the defaults';
}

/**
 * Classifies the entered addresses and finds every scenario state that produces them, among `states` (every delivered
 * state of the model when not given; the widget computes that list once and passes it on each update).
 */
export function diagnoseView(state: DiagnoseState, base = '/', states?: readonly DiagnosableState[]): DiagnoseView {
  const messages: DiagnoseView['messages'] = {};
  const say = (field: keyof DiagnoseState, message: string) => (messages[field] ??= []).push(message);
  const cluster: ClusterInfo = {};
  for (const field of ['podCidr', 'nodeAddresses', 'loadBalancers', 'ingressPods'] as const) {
    const { valid, invalid } = splitTrustedList(state[field]);
    cluster[field] = valid;
    for (const bad of invalid) say(field, `${quote(bad)} is not an address or CIDR range; ignored.`);
  }
  const addresses: ClassifiedAddress[] = [];
  const classify = (field: keyof DiagnoseState, ip: string): Role[] | null => {
    const c = classifyAddress(ip, cluster);
    addresses.push({ field, fieldLabel: fieldLabels[field], ip, role: c.role, roleText: classTexts[c.role], reason: c.reason });
    if (c.notAnAddress) {
      say(field, c.reason);
      return null;
    }
    return rolesOfClass(c.role);
  };
  const remote = state.remoteAddr.trim();
  if (remote === '') {
    say('remoteAddr', 'Enter the remote address your app logs: the one thing every request has.');
    return { messages, addresses, groups: [], total: 0, summary: 'Enter the remote address to start.' };
  }
  const remoteRoles = classify('remoteAddr', remote);
  // Empty: not known, so not compared. "none": the app received none.
  const isNone = (text: string) => text.trim().toLowerCase() === 'none';
  const xffText = state.xForwardedFor.trim();
  const xffEntries = isNone(xffText)
    ? []
    : xffText
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
  const xffRoles = xffEntries.map((ip) => classify('xForwardedFor', ip));
  let invalid = remoteRoles === null || xffRoles.includes(null);
  const single = (field: 'xRealIp' | 'proxyProtocol'): Role[] | null | undefined => {
    const text = state[field].trim();
    if (text === '') return undefined;
    if (isNone(text)) return null;
    const roles = classify(field, text);
    if (roles === null) invalid = true;
    return roles;
  };
  const realIpRoles = single('xRealIp');
  const proxyRoles = single('proxyProtocol');
  if (invalid) return { messages, addresses, groups: [], total: 0, summary: 'Fix the addresses marked above to see the matching setups.' };
  const { matches } = diagnoseCandidates(
    {
      remoteAddr: remoteRoles!,
      xForwardedFor: xffText === '' ? undefined : xffEntries.length ? (xffRoles as Role[][]) : null,
      xRealIp: realIpRoles,
      proxyProtocol: proxyRoles,
    },
    states,
  );
  const groups = new Map<string, MatchGroup>();
  for (const m of matches) {
    const key = `${m.scenario} ${m.cause}`;
    let group = groups.get(key);
    if (!group) {
      const text = causeTexts[m.cause];
      group = {
        scenario: m.scenario,
        title: scenarios.find((s) => s.id === m.scenario)?.title ?? m.scenario,
        cause: m.cause,
        causeText: text.cause,
        fix: text.fix,
        config: text.config,
        links: [],
        more: 0,
      };
      groups.set(key, group);
    }
    if (group.links.length < LINKS_PER_GROUP)
      group.links.push({
        href: scenarioPermalink({ id: m.scenario, params: m.params }, base),
        label: stateLabel(m.scenario, m.params),
      });
    else group.more++;
  }
  const summary =
    matches.length === 0
      ? 'No setup in this guide produces exactly this. Check the addresses, or leave empty the headers you are unsure of.'
      : `${matches.length} setup${matches.length === 1 ? '' : 's'} in ${groups.size} group${groups.size === 1 ? '' : 's'} produce exactly this.`;
  return { messages, addresses, groups: [...groups.values()], total: matches.length, summary };
}
