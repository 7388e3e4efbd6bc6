/**
 * Which lab case may stand in for an ingress state of a controller release the lab cannot build.
 *
 * The lab renders ingress-nginx's own nginx.tmpl at controller-v1.11.0, the one release the Go module proxy serves
 * (lab/ingress-nginx/README.md), so its ingress cases are the model's `ingressNginxVersion=v1.12-or-earlier`. Read
 * side by side, that template and controller-v1.15.1's differ in their client-IP lines in one place only: v1.13.0
 * (PR 12768, commit cf0a44191 "Correctly determine client IP") made realip read X-Forwarded-For, when the PROXY
 * source is in proxy-real-ip-cidr, for use-proxy-protocol and use-forwarded-headers both on; v1.11.0 reads only the
 * PROXY source there. Everywhere else the two templates configure the client address alike, so the v1.11.0 case is
 * evidence for the later release too. This rule comes from the two templates, not from the model.
 */

/** The model's release value for the template the lab renders (controller-v1.11.0). */
export const labIngressRelease = 'v1.12-or-earlier';

/** True when controller v1.13+ and the template the lab renders configure the client address differently for these options. */
export function ingressTemplatesDiffer(params: Readonly<Record<string, string>>): boolean {
  return params.useProxyProtocol === 'true' && params.useForwardedHeaders === 'true';
}

/** For an ingress state of a release the lab does not render: the lab's state to look up, and whether the templates differ there. */
export function ingressLabStandIn(
  scenario: string,
  params: Readonly<Record<string, string>>,
): { params: Record<string, string>; templatesDiffer: boolean } | undefined {
  const release = params.ingressNginxVersion;
  if (scenario !== 'ingress' || release === undefined || release === labIngressRelease) return undefined;
  return { params: { ...params, ingressNginxVersion: labIngressRelease }, templatesDiffer: ingressTemplatesDiffer(params) };
}
