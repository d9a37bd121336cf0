import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LoginResponse } from '../../src/protocol/http-auth.js';
import { createEmptyDatabase, databaseUrl, dropDatabase } from './database.js';
import { killIfRunning, type ServerProcess, spawnServer } from './server-process.js';

/** What the end-to-end tests in the browser share: the built client, a real server, pages, pictures. */

export const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** Screenshots for people (git-ignored; CI keeps nothing, so layout is proven by assertions). */
export const ARTIFACTS_DIR = `${PROJECT_DIR}test-artifacts`;

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Builds the client the server will serve, from the sources as they are now. */
export async function buildClient(): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const child = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'client/web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: PROJECT_DIR, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`vite build failed (${code}): ${stderr}`);
}

export interface RoomServer {
  readonly server: ServerProcess;
  readonly url: string;
  stop(): Promise<void>;
}

/** A real server process (src/main.ts) on a fresh database, with the given settings on top. */
export async function startRoomServer(prefix: string, env: Record<string, string>): Promise<RoomServer> {
  const databaseName = await createEmptyDatabase(prefix);
  const server = await spawnServer({
    DATABASE_URL: databaseUrl(databaseName),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    SCRYPT_COST_LOG2: '10',
    RATE_LIMIT_LOGIN_MAX: '1000',
    RATE_LIMIT_REGISTER_MAX: '1000',
    ...env,
  });
  return {
    server,
    url: server.url,
    async stop() {
      server.child.kill('SIGTERM');
      await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      killIfRunning(server);
      await dropDatabase(databaseName);
    },
  };
}

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors and failed scripts on the page: a test expects none. */
  readonly errors: string[];
}

/** A page of the client, logged in as `login` (its session put where the client keeps it). */
export async function openLoggedIn(
  browser: Browser,
  url: string,
  login: LoginResponse,
  viewport: { width: number; height: number },
  hash = '',
): Promise<OpenedPage> {
  const phone = viewport.width < 500;
  const context = await browser.newContext({
    viewport,
    ...(phone && { isMobile: true, hasTouch: true }),
    acceptDownloads: true,
  });
  const session = JSON.stringify({
    token: login.session.token,
    user: login.user,
    expiresAt: login.session.expiresAt,
  });
  await context.addInitScript(`sessionStorage.setItem('holdem.session', ${JSON.stringify(session)});`);
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${url}/${hash}`);
  return { context, page, errors };
}

/** The page's uncaught errors and failed scripts, as they happen: a test expects none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught|TypeError/.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/** A picture for people: the whole page on a desktop, the screen as its user sees it on a phone. */
export async function screenshot(
  page: Page,
  name: string,
  fullPage = (page.viewportSize()?.width ?? 1280) >= 500,
): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${ARTIFACTS_DIR}/${name}.png`, fullPage });
}

/** What the page's layout looks like around one element: for assertions, not for pictures. */
export interface Placement {
  readonly box: { x: number; y: number; width: number; height: number } | null;
  /** The whole box is inside the window. */
  readonly inViewport: boolean;
  /** At the box's centre and near its four corners, the element itself (or one inside it) is on top. */
  readonly uncovered: boolean;
  /** What is on top where it is not. */
  readonly coveredBy: string[];
}

/**
 * Where an element is and whether anything covers it (elementFromPoint at five points). `visible`
 * is the share of its height, from the top, that must be uncovered (cards tuck under a seat's plate).
 */
export async function placementOf(page: Page, selector: string, visible = 1): Promise<Placement> {
  return page.evaluate(
    ([css, share]) => {
      const element = document.querySelector(css);
      if (!element) return { box: null, inViewport: false, uncovered: false, coveredBy: ['(missing)'] };
      const rect = element.getBoundingClientRect();
      const inViewport =
        rect.width > 0 &&
        rect.height > 0 &&
        rect.left >= 0 &&
        rect.top >= 0 &&
        rect.right <= window.innerWidth &&
        rect.bottom <= window.innerHeight;
      // Far enough in to miss rounded corners.
      const inset = Math.min(8, rect.width / 4, rect.height / 4);
      const bottom = rect.top + rect.height * (share as number);
      const points = [
        [rect.left + rect.width / 2, (rect.top + bottom) / 2],
        [rect.left + inset, rect.top + inset],
        [rect.right - inset, rect.top + inset],
        [rect.left + inset, bottom - inset],
        [rect.right - inset, bottom - inset],
      ];
      const coveredBy: string[] = [];
      for (const [x, y] of points) {
        const top = document.elementFromPoint(x!, y!);
        if (top !== element && !element.contains(top)) {
          coveredBy.push(
            top ? `${top.tagName.toLowerCase()}.${Array.from(top.classList).join('.')}` : '(outside)',
          );
        }
      }
      return {
        box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
        inViewport,
        uncovered: coveredBy.length === 0,
        coveredBy,
      };
    },
    [selector, visible] as const,
  );
}

/** Pairs of elements (by selector) whose boxes overlap. */
export async function overlaps(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((css) => {
    const boxes = Array.from(document.querySelectorAll(css)).map((element) => ({
      id: element.getAttribute('data-testid') ?? element.className,
      rect: element.getBoundingClientRect(),
    }));
    const found: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.rect;
        const b = boxes[j]!.rect;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          found.push(`${boxes[i]!.id} × ${boxes[j]!.id}`);
      }
    return found;
  }, selector);
}

/** Whether the page scrolls (it must not, at a table). */
export async function scrolls(page: Page): Promise<{ x: boolean; y: boolean }> {
  return page.evaluate(() => ({
    x: document.documentElement.scrollWidth > window.innerWidth,
    y: document.documentElement.scrollHeight > window.innerHeight,
  }));
}

/** How long a page is given to show what a test waits for. */
export const PAGE_WAIT_MS = 20_000;

export const byTestId = (page: Page, id: string) => page.getByTestId(id);

/**
 * Waits until the elements with this test id show `expected` (joined with " | "); on failure,
 * saves a picture of the page (`failure-<id>.png`) and says what they showed instead.
 */
export async function waitForText(
  page: Page,
  id: string,
  expected: string | RegExp,
  timeoutMs = PAGE_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = (await byTestId(page, id).allTextContents()).join(' | ');
    if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await screenshot(page, `failure-${id}`).catch(() => {});
  throw new Error(`[data-testid=${id}] never showed ${String(expected)}; it shows "${text}"`);
}

/** Of these players, the one whose action bar is up, waiting for one to be. */
export async function playerToAct<T extends { readonly page: Page }>(
  players: readonly T[],
  timeoutMs = PAGE_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const player of players) {
      if (await byTestId(player.page, 'action-bar').isVisible()) return player;
    }
    if (Date.now() > deadline) throw new Error('nobody has the action');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
