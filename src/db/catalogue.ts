import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * A named Cypher query bound to the zod models of its parameters and of each row it returns.
 * `GraphDb.read(query, params)` checks the parameters and parses every row with these models.
 */
export interface NamedQuery<P, R> {
  readonly name: string;
  /** The statement as sent to the server: comments and indentation stripped (fewer bytes per message). */
  readonly text: string;
  readonly params: z.ZodType<P, any>;
  readonly row: z.ZodType<R, any>;
}

/** The type of a named query's rows, as its model parses them. */
export type RowOf<Q> = Q extends NamedQuery<any, infer R> ? R : never;

export interface QuerySpec {
  params: z.ZodType<any, any>;
  row: z.ZodType<any, any>;
}

export type Catalogue<S extends Record<string, QuerySpec>> = {
  readonly [K in keyof S & string]: NamedQuery<z.input<S[K]['params']>, z.output<S[K]['row']>>;
};

/** Words of the Cypher files replaced by text the application defines once (see readCypherBlocks). */
export type Tokens = Record<string, string | ((variable: string) => string)>;

/**
 * The statement as sent: comments go, and so does every space the parser does not need, so that the
 * hot queries with their parameters fit in one Bolt write (neo4j-driver flushes its 1,400-byte chunk
 * buffer whenever a message outgrows it: docs/limits.md). A run of spaces and line breaks stays, as
 * one space, only between two words (`WITH f`, `AND $x`, `AND 'x'`) or two operator characters
 * (`= -1`, `< -1` must not become `<-1`); string literals and `quoted` names are kept as they are.
 * Nothing else changes: the parser reads the same tokens.
 */
export function compactCypher(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' && c !== '`' ? 2 : 1;
      if (j >= text.length) throw new Error(`cypher: unterminated ${c} in ${text.slice(i, i + 40)}`);
      emit(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      pendingSpace = true;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error('cypher: unterminated /* comment');
      i = end + 2;
      pendingSpace = true;
    } else if (/\s/.test(c)) {
      i++;
      pendingSpace = true;
    } else {
      emit(c);
      i++;
    }
  }
  return out.replace(/;$/, '');

  function emit(token: string): void {
    if (pendingSpace && out && needsSpace(out[out.length - 1], token[0])) out += ' ';
    pendingSpace = false;
    out += token;
  }
}
// A string or quoted name counts as a word: `AND 'x'` keeps its space, as a reader (and any lexer) expects.
const WORD = /[\p{L}\p{N}_$'"`]/u;
const OPERATOR = /[<>=\-+*/%^|.!~&?]/;
const needsSpace = (before: string, after: string) => (WORD.test(before) && WORD.test(after)) || (OPERATOR.test(before) && OPERATOR.test(after));

/**
 * The `// name: x` blocks of .cypher files: each block runs to the next name or fragment line.
 * `// fragment: y` blocks are shared pieces, not queries: a line `// include: y` in any block is
 * replaced by the fragment's text (so a rule two queries share is written once).
 */
export function readCypherBlocks(files: string[], tokens: Tokens = {}): Map<string, string> {
  const blocks = new Map<string, string>();
  const fragments = new Map<string, string>();
  for (const file of files) {
    const parts = readFileSync(file, 'utf8').split(/^\/\/ (?=(?:name|fragment): )/m).slice(1);
    for (const part of parts) {
      const [head, ...body] = part.split('\n');
      const [kind, rawName] = head.split(': ');
      const name = rawName.trim();
      const into = kind === 'fragment' ? fragments : blocks;
      if (into.has(name)) throw new Error(`${path.basename(file)}: ${kind} '${name}' is defined twice`);
      into.set(name, body.join('\n'));
    }
  }
  const expand = (text: string, seen: string[]): string =>
    text.replace(/^\s*\/\/ include: (\S+)\s*$/gm, (_, name: string) => {
      const fragment = fragments.get(name);
      if (fragment === undefined) throw new Error(`cypher: include of unknown fragment '${name}'`);
      if (seen.includes(name)) throw new Error(`cypher: fragment '${name}' includes itself`);
      return expand(fragment, [...seen, name]);
    });
  // A token (a whole word, e.g. FACT_TYPES) stands for text the application defines once (e.g. the list of fact types);
  // a function token is written with a variable, TOKEN(x), and stands for text about that variable.
  const substitute = (text: string) =>
    Object.entries(tokens).reduce(
      (t, [token, value]) =>
        typeof value === 'string' ? t.replace(new RegExp(`\\b${token}\\b`, 'g'), value) : t.replace(new RegExp(`\\b${token}\\((\\w+)\\)`, 'g'), (_, v: string) => value(v)),
      text,
    );
  return new Map([...blocks].map(([name, text]) => [name, compactCypher(substitute(expand(text, [])))]));
}

/**
 * Binds each spec to its Cypher block, checked both ways at start: a spec without a block, or a
 * block without a spec, throws here rather than at request time.
 */
export function catalogue<S extends Record<string, QuerySpec>>(files: string[], specs: S, tokens: Tokens = {}): Catalogue<S> {
  const blocks = readCypherBlocks(files, tokens);
  const where = files.map((f) => path.basename(f)).join(', ');
  const missing = Object.keys(specs).filter((name) => !blocks.has(name));
  const unbound = [...blocks.keys()].filter((name) => !(name in specs));
  if (missing.length) throw new Error(`query catalogue: no Cypher block for ${missing.join(', ')} in ${where}`);
  if (unbound.length) throw new Error(`query catalogue: Cypher blocks without a catalogue entry: ${unbound.join(', ')} (in ${where})`);
  // Parameters and rows are judged on every run: each model compiled once (zod's AOT compilation, the same
  // results and errors; a 1M chain page parses in a third of the time with half the garbage).
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, { name, text: blocks.get(name)!, params: z.compile(spec.params), row: z.compile(spec.row) }]),
  ) as Catalogue<S>;
}
