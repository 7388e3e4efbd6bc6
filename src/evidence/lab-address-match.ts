/**
 * Which lab addresses a raw output mentions, so the table beside it lists only those. Pure and tiny: the scenario
 * widget runs it in the browser when a state's evidence arrives.
 */

/** True when the text holds the lab address as a whole address; `a.b.c.x` stands for any last part. */
export function mentionsLabAddress(text: string, labAddress: string): boolean {
  const pattern = labAddress
    .split('.')
    .map((part) => (part === 'x' ? '\\d{1,3}' : part))
    .join('\\.');
  return new RegExp(`(?<![\\d.])${pattern}(?![\\d])`).test(text);
}
