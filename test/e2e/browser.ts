/**
 * Headless Debian Chromium through playwright-core, for the e2e tests.
 * If /usr/bin/chromium is missing: as root with apt-get, install it once; otherwise fail with one line saying how.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * How long a page may take to show what the test waits for. Generous: the suite runs its files side by
 * side on a shared 2-core machine, and a CI run under load waited longer than 20 s for a view. A wait,
 * never a timing assertion; each e2e test gets E2E_TEST_MS in all.
 */
export const UI_WAIT_MS = 60_000;
export const E2E_TEST_MS = 300_000;
const INSTALL_HINT = `Chromium not found at ${CHROMIUM}: install it with \`sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\` (Debian/Ubuntu), then rerun the e2e tests.`;

let installTried = false;

function hasAptGet(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes sure Debian's chromium is there (installing it once when we are root), or throws one clear line. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!installTried && isRoot && hasAptGet()) {
    installTried = true;
    try {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      execFileSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { stdio: 'ignore', env, timeout: 600_000 });
    } catch {
      /* fall through to the error below */
    }
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(INSTALL_HINT);
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with its own temporary profile (--user-data-dir), removed on close. */
export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const executablePath = ensureChromium();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'gz-e2e-chromium-'));
  // launchPersistentContext passes userDataDir to Chromium as --user-data-dir.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
