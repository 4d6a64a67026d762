/**
 * How long the background's service worker takes to wake: the browser stops
 * it (as it does after ~30 s idle), then the popup sends a message, and the
 * time until the answer comes back is the worker's start (loading and running
 * its script, opening the database) plus one round trip. Nearly every page
 * meets a sleeping worker, so this is what a reader waits for first.
 *
 * Runs the production build (.output/chrome-mv3, or BACKSTORY_EXTENSION_DIR),
 * and, when BACKSTORY_BASELINE_DIR names another build, that build in the same
 * run, alternating rounds so both meet the same machine load.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { extensionDir, launchExtension, stopServiceWorker, waitForCorpusReady, type ExtensionSession } from '../e2e/harness';
import { median, percentile, summary } from './stats';
import type { Page } from 'playwright-core';

/** Wakes per build; BACKSTORY_BENCH_ROUNDS changes it. */
const ROUNDS = Number(process.env.BACKSTORY_BENCH_ROUNDS ?? 20);

interface Subject {
  name: string;
  session: ExtensionSession;
  popup: Page;
  wakes: number[];
}

async function open(name: string, dir: string): Promise<Subject> {
  const session = await launchExtension({ dir });
  await waitForCorpusReady(session, 120_000);
  const popup = await session.page('popup.html');
  return { name, session, popup, wakes: [] };
}

/** Stops the worker, then times a status message that has to wake it. */
async function wake(subject: Subject): Promise<number> {
  await stopServiceWorker(subject.session, subject.popup);
  return subject.popup.evaluate(async () => {
    const t0 = performance.now();
    await (globalThis as any).chrome.runtime.sendMessage({ type: 'corpus/status' });
    return performance.now() - t0;
  });
}

export default async function workerBench() {
  const dir = extensionDir();
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    console.log(`no build in ${dir}: run \`npm run build\` first`);
    return;
  }
  const baselineDir = process.env.BACKSTORY_BASELINE_DIR;
  const subjects = [await open('this build', dir)];
  if (baselineDir) subjects.push(await open(`baseline (${baselineDir})`, resolve(baselineDir)));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) subject.wakes.push(await wake(subject));
    }
  } finally {
    for (const subject of subjects) await subject.session.close();
  }
  console.log('service worker wake: stop it, then one message round trip (ms)');
  for (const subject of subjects) console.log(`  ${subject.name.padEnd(40)} ${summary(subject.wakes, 1)}`);
  if (subjects.length === 2) {
    const [current, baseline] = subjects;
    console.log(
      `  ratio this/baseline: median ${(median(current.wakes) / median(baseline.wakes)).toFixed(2)}, p95 ${(percentile(current.wakes, 95) / percentile(baseline.wakes, 95)).toFixed(2)}`,
    );
  }
}
