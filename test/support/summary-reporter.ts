import type { Reporter } from 'vitest/reporters';

type Task = { type: string; mode?: string; result?: { state?: string }; tasks?: Task[] };

/** Prints one plain closing line, "tests: N passed, N failed[, N skipped]", for CI logs and tools that read it. */
export default class SummaryReporter implements Reporter {
  onFinished(files: Task[] = []) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const walk = (task: Task) => {
      if (task.tasks) return task.tasks.forEach(walk);
      if (task.type !== 'test') return;
      if (task.mode === 'skip' || task.mode === 'todo') counts.skipped += 1;
      else if (task.result?.state === 'pass') counts.passed += 1;
      else counts.failed += 1;
    };
    files.forEach(walk);
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
    console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed${skipped}`);
  }
}
