/**
 * The machine a benchmark ran on, read from the machine itself, so that results
 * say where they were measured: OS, kernel, CPU model and count, memory,
 * Node and the Chromium that was driven.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** What a result file records about the machine. */
export interface Machine {
  os: string;
  kernel: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  chromium: string | null; // null: the benchmark drives no browser
}

/** The distribution's name from /etc/os-release where there is one, else the OS type. */
function osName(): string {
  if (existsSync('/etc/os-release')) {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return pretty;
  }
  return `${os.type()} ${os.arch()}`;
}

/** What `chromium --version` prints for the browser at `path`; Playwright's own browser when there is no path. */
function chromiumVersion(path: string | undefined): string {
  if (!path) return 'Playwright’s Chromium';
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `${path} (version unknown)`;
  }
}

/** Describes this machine; `browser` is the Chromium the benchmark drives (path undefined: Playwright's own; null: none). */
export function describeMachine(browser: { path: string | undefined } | null): Machine {
  const cpus = os.cpus();
  return {
    os: osName(),
    kernel: `${os.type()} ${os.release()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    chromium: browser ? chromiumVersion(browser.path) : null,
  };
}

/** The machine in one line, for a results page or a console header. */
export function machineLine(machine: Machine): string {
  return `${machine.os}, kernel ${machine.kernel}, ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB memory, Node ${machine.node}${machine.chromium ? `, ${machine.chromium}` : ''}`;
}
