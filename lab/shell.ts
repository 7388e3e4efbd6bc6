/** Running commands for the lab: bounded in time, output captured, background processes recorded by PID so only they are stopped. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';

/** The outcome of one command. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell, with a time limit; never throws. */
export function run(command: string, args: readonly string[], timeoutMs = 5000, input?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code as number) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs a command and fails loudly when it fails: for setup steps, where a failure means the lab is not what it claims. */
export async function must(command: string, args: readonly string[], input?: string): Promise<string> {
  const result = await run(command, args, 10_000, input);
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.code}): ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}

/** Background processes started by the lab, by PID. */
export class Processes {
  readonly children: ChildProcess[] = [];

  /** Starts a long-running process inside a network namespace and records it. */
  start(namespace: string, command: string, args: readonly string[], logFile: string): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', namespace, command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (log.length < 20_000) log += chunk.toString();
    });
    child.on('exit', () => void import('node:fs').then((fs) => fs.writeFileSync(logFile, log)));
    this.children.push(child);
    return child;
  }

  /** Stops every recorded process: SIGTERM, then SIGKILL for any still running after a moment. */
  async stopAll(): Promise<void> {
    const alive = this.children.filter((child) => child.exitCode === null && child.signalCode === null && child.pid !== undefined);
    for (const child of alive) child.kill('SIGTERM');
    const deadline = Date.now() + 1500;
    while (Date.now() < deadline && alive.some((child) => child.exitCode === null && child.signalCode === null))
      await new Promise((r) => setTimeout(r, 50));
    for (const child of alive) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
