/**
 * Another revision of Plaza built beside this checkout, so a benchmark can
 * measure before and after in one run, on the same machine, data and browser
 * (`BASELINE=<git-ref> npm run bench:render`; decision 109). The ref is checked
 * out into a temporary `git worktree` (detached, so no branch is touched), this
 * checkout's `node_modules` is linked in, and Vite builds the page's script
 * (`dist/plaza.js` and its chunks) with that revision's own config. Any
 * benchmark that loads `dist/` from a folder (bench/render.ts's `--dist`,
 * bench/requests.ts) can take `baseline.dist`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Baseline {
  /** What was asked for, e.g. `main` or `HEAD~3`. */
  ref: string;
  /** The commit it named, short. */
  commit: string;
  /** Its built `dist/` folder. */
  dist: string;
  /** Removes the worktree and its build. */
  remove(): void;
}

const root = fileURLToPath(new URL('..', import.meta.url));

export function buildBaseline(ref: string): Baseline {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--short', `${ref}^{commit}`);
  const folder = join(mkdtempSync(join(tmpdir(), 'plaza-baseline-')), commit);
  git('worktree', 'add', '--detach', folder, commit);
  const remove = () => {
    git('worktree', 'remove', '--force', folder);
    rmSync(join(folder, '..'), { recursive: true, force: true });
  };
  try {
    symlinkSync(realpathSync(join(root, 'node_modules')), join(folder, 'node_modules'));
    console.log(`Building the baseline ${ref} (${commit}) in ${folder} …`);
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: folder, stdio: 'inherit' });
  } catch (error) {
    remove();
    throw error;
  }
  return { ref, commit, dist: join(folder, 'dist'), remove };
}
