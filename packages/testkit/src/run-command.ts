import { spawn } from 'node:child_process';

/** Hides the password of any URL in `text`. */
function redact(text: string): string {
  return text.replace(/\/\/([^:/@\s]+):[^@/\s]*@/g, '//$1:***@');
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Runs the command as this user (the caller must be root). */
  readonly uid?: number;
  readonly gid?: number;
  /** Kills the command after this long; default 60 s. */
  readonly timeoutMs?: number;
}

/**
 * Runs a command to completion and resolves with its output; rejects with the output in the
 * message when it fails to start, exits non-zero, or times out.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', (err) => reject(new Error(`${file} failed to start: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve(output);
      else {
        const how = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
        const command = redact(`${file} ${args.join(' ')}`);
        reject(new Error(`${command} ${how}:\n${output.slice(-4000)}`));
      }
    });
  });
}
