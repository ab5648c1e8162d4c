import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env.js';
import { ROLES, createToken, type Role } from './tokens.js';
import { runCli, UsageError } from '../cli/run.js';

/** `npm run token -- --name NAME --role curator|admin`: prints a new token once, as the last line; stores only its hash. */
function main(): void {
  const { values } = parseArgs({ options: { name: { type: 'string' }, role: { type: 'string', default: 'curator' } } });
  if (!values.name?.trim() || !ROLES.includes(values.role as Role)) throw new UsageError(`usage: npm run token -- --name NAME --role ${ROLES.join('|')}`);
  const file = loadEnv().CURATORS_FILE;
  const { token, curator } = createToken(file, values.name, values.role as Role);
  console.error(`Stored the hash of a new ${curator.role} token for ${curator.name} in ${file}. Copy the token now; it is not shown again:`);
  console.log(token);
}

runCli('token', main);
