/** Types for web/build.mjs (imported by the e2e tests). */
export interface WebBuild {
  /** Absolute path of web/dist. */
  dist: string;
  /** Bytes of every output file except source maps, by path relative to web/dist. */
  files: Record<string, number>;
  /** app.js, the chunks it imports statically, and app.css: what the first paint loads. */
  initialFiles: string[];
  initialBytes: number;
  /** All minified JavaScript, the lazily loaded graph chunk (cytoscape) included. */
  totalJsBytes: number;
}
export function buildWeb(options?: { quiet?: boolean }): Promise<WebBuild>;
