/**
 * The main-config boilerplate every lab nginx shares: one process in the foreground, its pid, error log, lock file and
 * temporary files under the lab's directory, so that two lab runs never share a file and the lab can stop it by pid.
 */

/** An nginx directive without a block: its name and arguments. */
export interface BareDirective {
  name: string;
  args: string[];
}

/** The worker connections each lab nginx allows: far more than the lab's few requests at a time. */
export const labWorkerConnections = '256';

/** The main-context directives that run nginx as one foreground process, its files under dir. */
export function foregroundMainDirectives(dir: string): BareDirective[] {
  return [
    { name: 'daemon', args: ['off'] },
    { name: 'master_process', args: ['off'] },
    { name: 'pid', args: [`${dir}/nginx.pid`] },
    { name: 'error_log', args: [`${dir}/error.log`, 'info'] },
    { name: 'lock_file', args: [`${dir}/nginx.lock`] },
  ];
}

/** The http-context directives that put nginx's temporary files under dir, one subdirectory per kind. */
export function tempPathDirectives(dir: string): BareDirective[] {
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => ({ name: `${kind}_temp_path`, args: [`${dir}/${kind}`] }));
}

/** One bare directive as nginx.conf text. */
function directiveText(d: BareDirective): string {
  return `${d.name} ${d.args.join(' ')};`;
}

/**
 * The opening lines of a hand-written lab nginx.conf: the foreground main context, the events block, and `http {` with
 * no access log and the temporary paths. The caller adds its servers and closes the http block.
 */
export function labNginxConfOpening(dir: string): string[] {
  return [
    ...foregroundMainDirectives(dir).map(directiveText),
    `events { worker_connections ${labWorkerConnections}; }`,
    'http {',
    '  access_log off;',
    `  ${tempPathDirectives(dir).map(directiveText).join(' ')}`,
  ];
}
