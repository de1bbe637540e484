// A real headless Chromium (Debian's, installed by scripts/ensure-tools.sh) driven over the
// DevTools protocol: loads a page, records console errors and page errors, takes a screenshot.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { locateTool, missingToolMessage } from '../../src/cli/real-tools.ts';

export interface LoadedPage {
  readonly errors: readonly string[];
  readonly screenshot: string;
  /** A JavaScript expression evaluated in the page (this project's tsc has no DOM types): its JSON-able value. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

export async function openPage(file: string): Promise<LoadedPage> {
  const executablePath = locateTool('chromium');
  if (executablePath === undefined) throw new Error(missingToolMessage('chromium'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    // No network at all: a self-contained page must not need it.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--proxy-server=127.0.0.1:9',
      '--proxy-bypass-list=<-loopback>',
    ],
  });
  const errors: string[] = [];
  const page: Page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error instanceof Error ? error.message : String(error)}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file://') && !request.url().startsWith('data:'))
      errors.push(`network request: ${request.url()}`);
  });
  await page.goto(`file://${path.resolve(file)}`, { waitUntil: 'load' });
  const screenshot = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-shot-')), 'page.png');
  await page.screenshot({ path: screenshot as `${string}.png`, fullPage: false });
  return {
    errors,
    screenshot,
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    close: () => browser.close(),
  };
}
