/**
 * One contender for data-dir-lock.test.ts, as a separate process (the race is
 * between processes). Reads lines from stdin: `lock <folder>` tries to take
 * the folder's lock and answers `held` or `refused <why>`; `release` lets go of
 * every lock it holds and answers `released`.
 */
import { createInterface } from 'node:readline';
import { lockDataDir } from '../../server/db/lock.ts';

const releases: Array<() => Promise<void>> = [];

for await (const line of createInterface({ input: process.stdin })) {
  const [command, folder] = line.split(' ');
  if (command === 'lock') {
    try {
      releases.push(await lockDataDir(folder!));
      process.stdout.write('held\n');
    } catch (error) {
      process.stdout.write(`refused ${(error as Error).name}: ${(error as Error).message.replaceAll('\n', ' ')}\n`);
    }
  } else if (command === 'release') {
    await Promise.all(releases.splice(0).map((release) => release()));
    process.stdout.write('released\n');
  }
}
