import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root: where cypher/, seed/, neo4j-launcher/ and web/ live, whatever the working directory. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
