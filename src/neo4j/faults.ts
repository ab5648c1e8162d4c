import { LauncherError } from './launcher.js';
import { SeedValidationError } from '../seed/read.js';

/**
 * Expected start-up faults as one line: what went wrong and how to fix it, no stack trace.
 * Returns null for anything unexpected (the caller prints that in full: it is a bug).
 */
export function explainStartupFault(error: unknown, env: { NEO4J_URI?: string; NEO4J_DATABASE?: string }): string | null {
  if (error instanceof SeedValidationError || error instanceof LauncherError) return error.message;
  const uri = env.NEO4J_URI ?? 'the embedded Neo4j';
  const chain: { code?: string; message: string }[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 5; e = (e as { cause?: unknown }).cause) {
    chain.push({ code: (e as { code?: string }).code, message: e.message });
  }
  const has = (pattern: RegExp) => chain.some((e) => pattern.test(e.code ?? '') || pattern.test(e.message));
  if (has(/Unknown scheme|Invalid URL|URL malformed/i)) {
    return `neo4j: NEO4J_URI '${uri}' has a scheme the driver does not know: use bolt://, neo4j://, bolt+s:// or neo4j+s:// (or unset it for the embedded Neo4j).`;
  }
  if (has(/CredentialsExpired|credentials have expired|must change/i)) {
    return `neo4j: ${uri} requires a password change before use: change it (e.g. cypher-shell -d system "ALTER CURRENT USER SET PASSWORD FROM 'old' TO 'new'") and set NEO4J_PASSWORD to the new one.`;
  }
  if (has(/Security\.Unauthorized|authentication failure|unauthorized|missing key .?principal|AuthenticationRateLimit/i)) {
    return `neo4j: ${uri} refused the credentials: set NEO4J_USERNAME and NEO4J_PASSWORD to a valid user (a missing password counts as wrong).`;
  }
  if (has(/DatabaseNotFound|database does not exist|Database does not exist/i)) {
    return `neo4j: ${uri} has no database '${env.NEO4J_DATABASE ?? '(default)'}': create it, or set NEO4J_DATABASE to an existing one (or unset it for the default).`;
  }
  if (has(/ServiceUnavailable|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Could not perform discovery|Failed to connect|Connection acquisition timed out|connection timed out/i)) {
    const cause = chain.map((e) => /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|timed out/i.exec(e.message)?.[0]).find(Boolean);
    return `neo4j: cannot reach ${uri}${cause ? ` (${cause})` : ''}: start Neo4j there or fix NEO4J_URI (unset it to use the embedded Neo4j).`;
  }
  return null;
}
