import { buildReport, formatReport } from './report.js';
import { readSeed, SeedValidationError } from './read.js';

try {
  const report = buildReport(readSeed());
  console.log(process.argv.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
} catch (error) {
  console.error(error instanceof SeedValidationError ? error.message : error);
  process.exit(1);
}
