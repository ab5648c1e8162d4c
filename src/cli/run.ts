import { CuratorFileError } from '../auth/tokens.js';
import { explainStartupFault } from '../neo4j/faults.js';
import { UserFacingError } from '../services/errors.js';

/** A wrong command line: one line on stderr, exit 2. */
export class UsageError extends Error {}

/** Exit codes of every command: 0 done, 1 refused or failed, 2 a wrong command line. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a command's main and exits with its code. Expected faults print as `name: message` (or the
 * start-up fault's own one-line explanation), without a stack trace: a wrong command line (UsageError,
 * node:util parseArgs errors) exits 2, a refusal (UserFacingError, a bad curators file, the command's
 * own `refusals`, given with their exit code) exits 1. Anything else is a bug: printed in full, exit 1.
 */
export function runCli(name: string, main: () => Promise<number | void> | number | void, refusals: [ErrorClass, number][] = []): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => process.exit(code ?? EXIT.ok),
      (error: unknown) => {
        const { line, code } = explain(name, error, refusals);
        console.error(line);
        process.exit(code);
      },
    );
}

function explain(name: string, error: unknown, refusals: [ErrorClass, number][]): { line: unknown; code: number } {
  const refused = refusals.find(([type]) => error instanceof type);
  if (refused) return { line: `${name}: ${(error as Error).message}`, code: refused[1] };
  if (error instanceof UsageError) return { line: `${name}: ${error.message}`, code: EXIT.usage };
  if (isParseArgsError(error)) return { line: `${name}: ${error.message} (see --help)`, code: EXIT.usage };
  if (error instanceof UserFacingError || error instanceof CuratorFileError) return { line: `${name}: ${error.message}`, code: EXIT.failed };
  const fault = explainStartupFault(error, process.env);
  return { line: fault ?? error, code: EXIT.failed };
}

const isParseArgsError = (error: unknown): error is Error => {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
};
