/**
 * Which Chromium to drive: Debian's `chromium` where it is installed (this
 * project's machines cannot download Playwright's browsers), else
 * Playwright's own browser, so the same code runs on a reader's laptop.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Flags that keep a headless Chromium quiet on a closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The path of a system Chromium (CHROMIUM_PATH, or `chromium` on the PATH), or undefined to use Playwright's own browser. */
export function systemChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}
