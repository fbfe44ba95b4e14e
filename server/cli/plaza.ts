/**
 * `plaza <command>`: the operator's tools beside the server, run from the
 * project folder (`npx plaza …`, `npm run import-people -- …`). Each command
 * is a function of its arguments that resolves to the exit code.
 */
import { IMPORT_PEOPLE_USAGE, importPeople } from './import-people.ts';

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; summary: string }> = {
  'import-people': { run: importPeople, summary: 'create or update colleagues from a CSV or JSON export of the HR system' },
};

const USAGE = `Usage: plaza <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(16)}${summary}`).join('\n')}

"plaza <command> --help" explains one. They use the server's settings
(environment variables and plaza.config.json, see docs/server.md).

${IMPORT_PEOPLE_USAGE.split('\n')[0]}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`plaza: there is no command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See "plaza --help".`);
    return 2;
  }
  return command.run(args);
}

// exitCode, not exit(): output still in flight to a pipe gets written.
process.exitCode = await main(process.argv.slice(2));
