// End-to-end tests of the experiments page (#/experiments, src/experiments/): a run in
// the web worker whose progress bar advances while the page stays responsive, a Cancel,
// a finished chart whose data (the CSV and the chart's points) the page exposes, the
// same CSV as the native CLI for the same seeds, hover with "open this run", and zero
// console errors. Screenshots of two charts go to $ZOOSCOPE_SHOTS
// (experiments-election-en.png, experiments-commit-cost-zh.png). Run via ./run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, openPage, visit, wasmReady, shotPath } from './helpers.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function fill(page, name, value) {
  await page.fill(`.exp-form input[name=${name}]`, value);
}

async function runToEnd(page, name) {
  await page.click('.exp-run');
  await page.waitForSelector(`.exp-points[data-experiment=${name}]`, { state: 'attached', timeout: 120_000 });
  await page.waitForSelector('.exp-canvas[data-pixels]', { timeout: 10_000 });
}

/** The CLI's CSV for the same experiment and options. */
function cli(args) {
  return execFileSync('cargo', ['run', '-q', '-p', 'zooscope-cli', '--', 'experiment', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

test('a long run advances in the worker, the page stays responsive, Cancel stops it', async () => {
  const page = await openPage(browser, { locale: 'en-US' });
  await visit(page, '?lang=en#/experiments');
  await wasmReady(page);
  // Long enough that an idle machine is still running it when the test cancels.
  await fill(page, 'seeds', '5000');
  await fill(page, 'servers', '3,5,7');
  await page.click('.exp-run');
  await page.waitForSelector('.exp-progress progress', { timeout: 20_000 });
  const seen = [];
  let slowest = 0;
  let total = 0;
  for (let i = 0; i < 40 && seen.length < 3; i += 1) {
    const t0 = Date.now();
    const [done, all] = await page.$eval('.exp-progress progress', (p) => [Number(p.dataset.done), Number(p.dataset.total)]);
    total = all;
    slowest = Math.max(slowest, Date.now() - t0);
    if (done > 0 && !seen.includes(done)) seen.push(done);
    await page.waitForTimeout(150);
  }
  assert.ok(seen.length >= 2, `the progress bar advanced: ${seen}`);
  assert.ok(seen[1] > seen[0]);
  assert.equal(total, 5000 * 3);
  assert.ok(slowest < 500, `the main thread answered within ${slowest} ms while the worker ran`);
  await page.click('.exp-cancel');
  const status = await page.waitForSelector('.exp-status[data-state=cancelled]', { timeout: 10_000 });
  assert.match(await status.textContent(), /Cancelled after \d+ of 15000 runs/);
  assert.equal(await page.$('.exp-points'), null, 'a cancelled run draws no chart');
  await page.context().close();
  assert.deepEqual(page.errors, [], 'the page logged errors');
});

test('a finished run: its CSV equals the CLI, its chart has data, hover opens the run', async () => {
  const page = await openPage(browser, { locale: 'en-US' });
  await visit(page, '?lang=en#/experiments');
  await wasmReady(page);
  await fill(page, 'seeds', '15');
  await fill(page, 'from', '3');
  await fill(page, 'servers', '3,5,7');
  await runToEnd(page, 'election-time');
  const csv = await page.$eval('.exp-csv', (e) => e.textContent);
  assert.equal(csv, cli(['election-time', '--seeds', '15', '--from', '3', '--servers', '3,5,7']));
  const points = await page.$$eval('.exp-points tbody tr', (rows) =>
    rows.map((r) => ({ x: Number(r.dataset.x), y: Number(r.dataset.y), series: r.cells[0].textContent })));
  const medians = points.filter((p) => p.series.startsWith('median, after'));
  assert.deepEqual(medians.map((p) => p.x), [3, 5, 7]);
  for (const p of medians) assert.ok(p.y >= 200, `median ${p.y} ms is at least finalizeWait`);
  assert.ok(points.some((p) => p.series.startsWith('real ZooKeeper')), 'the real medians are drawn');
  const real = await page.$$eval('.exp-real-table tbody tr', (rows) => rows.map((r) => r.dataset.shape));
  assert.deepEqual(real, ['3v', '5v', '3v2o']);
  // Hover the first median point of the crash series.
  const pixels = (await page.$eval('.exp-canvas', (c) => c.dataset.pixels)).split(';').map((p) => p.split(',').map(Number));
  const first = points.findIndex((p) => p.series.startsWith('median, after'));
  await page.$eval('.exp-canvas', (c) => c.scrollIntoView({ block: 'center', behavior: 'instant' }));
  const box = await (await page.$('.exp-canvas')).boundingBox();
  const [px, py] = pixels[first];
  await page.mouse.move(box.x + px * (box.width / 900), box.y + py * (box.height / 600));
  const hover = await page.waitForSelector('.exp-hover', { timeout: 5_000 });
  assert.equal(Number(await hover.getAttribute('data-x')), 3);
  const href = await page.$eval('.exp-open', (a) => a.getAttribute('href'));
  assert.match(href, /^#\/lab\?key=zs1\./);
  await (await page.$('.exp-chart')).screenshot({ path: shotPath('experiments-election-en.png') });
  for (const sel of ['CSV', 'PNG', 'SVG']) {
    const a = await page.$(`.exp-downloads a:has-text("${sel}")`);
    assert.ok((await a.getAttribute('href')).startsWith('data:'), sel);
  }
  await page.click('.exp-open');
  await page.waitForSelector('.cluster .srv', { timeout: 15_000 });
  await page.context().close();
  assert.deepEqual(page.errors, [], 'the page logged errors');
});

test('commit-cost and lock-wakeups in zh-CN: the counts the course claims', async () => {
  const page = await openPage(browser, { locale: 'zh-CN' });
  await visit(page, '?lang=zh#/experiments');
  await wasmReady(page);
  await page.selectOption('.exp-form select', 'lock-wakeups');
  await fill(page, 'seeds', '1');
  await fill(page, 'clients', '2,5,10');
  await runToEnd(page, 'lock-wakeups');
  const csv = await page.$eval('.exp-csv', (e) => e.textContent);
  assert.equal(csv, cli(['lock-wakeups', '--seeds', '1', '--clients', '2,5,10']));
  for (const line of csv.trim().split('\n').slice(1)) {
    const [n, recipe, notifications] = line.split(',');
    const want = recipe === 'herd' ? (n * (n - 1)) / 2 : n - 1;
    assert.equal(Number(notifications), want, line);
  }
  await page.selectOption('.exp-form select', 'commit-cost');
  await fill(page, 'seeds', '3');
  await fill(page, 'servers', '3,5,7,9');
  await runToEnd(page, 'commit-cost');
  const rows = await page.$eval('.exp-csv', (e) => e.textContent);
  assert.equal(rows, cli(['commit-cost', '--seeds', '3', '--servers', '3,5,7,9']));
  assert.match(await page.$eval('.exp-chart', (e) => e.getAttribute('aria-label')), /2PC/);
  await (await page.$('.exp-chart')).screenshot({ path: shotPath('experiments-commit-cost-zh.png') });
  await page.context().close();
  assert.deepEqual(page.errors, [], 'the page logged errors');
});
