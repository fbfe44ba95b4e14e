import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'server/cli/plaza.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The real `plaza` command in a child process, as `npx plaza` runs it, on the
 * test's data folder. Settings from the developer's environment or a
 * plaza.config.json in the project folder must not leak in.
 */
export function plaza(args: string[], env: Record<string, string>): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLAZA_') && key !== 'DATABASE_URL'));
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
