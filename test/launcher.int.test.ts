import { rmSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/paths.js';

const tsx = ['--import', 'tsx'];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded Neo4j launcher', () => {
  it('says in one line what to install when java is missing', () => {
    const script = `import('./src/neo4j/launcher.ts').then((m) => { try { m.ensureLauncherBuilt(() => {}); } catch (e) { console.error(e.message); process.exit(3); } })`;
    // A PATH holding node but no java.
    const result = spawnSync(process.execPath, [...tsx, '-e', script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PATH: path.dirname(process.execPath) === '/usr/bin' ? '/nonexistent' : path.dirname(process.execPath) },
      encoding: 'utf8',
    });
    expect(result.status).toBe(3);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/'java' is not available.*Java 17.*NEO4J_URI/);
  });

  it('stops the Neo4j JVM when its parent process dies', async () => {
    const child = spawn(process.execPath, [...tsx, path.join(PROJECT_ROOT, 'test/support/orphan-probe.ts')], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const { javaPid, home } = await new Promise<{ javaPid: number; home: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /JAVA_PID (\d+) HOME (\S+)/.exec(out);
        if (match) resolve({ javaPid: Number(match[1]), home: match[2] });
      });
      child.on('exit', (code) => reject(new Error(`probe exited early (${code})`)));
    });
    try {
      expect(alive(javaPid)).toBe(true);
      child.kill('SIGKILL');
      // The JVM watches its stdin pipe; the parent's death closes it. Poll until it is gone (or give up).
      const deadline = Date.now() + 60_000;
      while (alive(javaPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(alive(javaPid)).toBe(false);
    } finally {
      // Its data (~520 MB) goes with it, as the test Neo4j's does (left behind, ten runs filled 5 GB).
      if (!alive(javaPid)) rmSync(home, { recursive: true, force: true });
    }
  });
});
