import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../config/paths.js';

const CYPHER_DIR = projectPath('cypher');

/**
 * Named queries from cypher/*.cypher. Each starts with `// name: someName`; the lines up to the
 * next name belong to it. Loaded once at start; asking for an unknown name throws at once.
 */
function loadNamedQueries(): Map<string, string> {
  const queries = new Map<string, string>();
  for (const file of readdirSync(CYPHER_DIR).filter((f) => f.endsWith('.cypher') && f !== 'schema.cypher')) {
    const blocks = readFileSync(path.join(CYPHER_DIR, file), 'utf8').split(/^\/\/ name: /m).slice(1);
    for (const block of blocks) {
      const [nameLine, ...body] = block.split('\n');
      const name = nameLine.trim();
      if (queries.has(name)) throw new Error(`cypher/${file}: query '${name}' is defined twice`);
      queries.set(name, body.join('\n').trim().replace(/;\s*$/, ''));
    }
  }
  return queries;
}

const QUERIES = loadNamedQueries();

export function cypher(name: string): string {
  const text = QUERIES.get(name);
  if (text === undefined) throw new Error(`No Cypher query named '${name}' in cypher/*.cypher`);
  return text;
}

/** The schema statements, in file order. */
export function schemaStatements(): string[] {
  return readFileSync(path.join(CYPHER_DIR, 'schema.cypher'), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
