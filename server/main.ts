/**
 * `npm start` / `npm run serve`: reads the environment and plaza.config.json (docs/server.md), starts
 * Plaza, prints where it listens, and shuts down cleanly on SIGINT/SIGTERM so
 * the embedded database folder is always closed properly.
 */
import { ConfigError, DEFAULT_OPTIONS } from './config.ts';
import { loadOptions, unknownVariableWarnings } from './config-file.ts';
import { DatabaseUnavailableError, DataDirInUseError, DataDirNotWritableError } from './db.ts';
import { consoleLogger } from './log.ts';
import { startPlaza, type RunningPlaza } from './start.ts';
import { libraryBuilt } from './static-files.ts';

/** A shutdown that hangs (a stuck request, a wedged database) must not keep the process alive forever. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

async function main(): Promise<void> {
  let running: RunningPlaza;
  try {
    const options = loadOptions(process.env);
    for (const warning of unknownVariableWarnings(process.env)) console.warn(`Warning: ${warning}`);
    if (options.auth === 'dev') {
      console.warn('WARNING: PLAZA_AUTH=dev: anyone can sign in as anyone. Never use dev sign-in in production.');
    }
    running = await startPlaza(options);
  } catch (error) {
    // Expected failures get one clear line; anything else its stack.
    const expected =
      error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof DataDirNotWritableError || error instanceof DatabaseUnavailableError;
    console.error(expected ? `Plaza: ${error.message}` : error);
    process.exit(1);
  }

  // One write, so whoever waits for the first line also has the second.
  console.log(`Plaza listening on ${running.url}\nDemo intranet: ${running.url}demo/   API reference: ${running.url}api/docs`);
  if (!libraryBuilt(DEFAULT_OPTIONS.staticRoot)) {
    console.warn('Note: dist/plaza.js is missing, so the demo shows no widgets. Run `npm run build` (or `npm start`).');
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      consoleLogger.warn(`Plaza: ${signal} again, exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    consoleLogger.info(`Plaza: ${signal} received, shutting down…`);
    setTimeout(() => {
      consoleLogger.error('Plaza: shutdown took too long, exiting.');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    running.close().then(
      () => {
        consoleLogger.info('Plaza: stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        consoleLogger.error('Plaza: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
