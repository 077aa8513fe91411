// End-to-end tests of the lock lab (#/locks) in headless Chromium. Run via ./run.sh.
//
// The lab's contract for automated checks is its markup: queue nodes are
// `.lq-node[data-seq][data-owner][data-holder]` in drawing order, watch arrows
// `.lq-watch[data-from][data-to]`, counters `[data-counter=NAME][data-side=I]`, client rows
// `tr[data-client][data-session-live]` with buttons `.lk-unlock`, `.lk-kill`, …, the
// storage's writes `[data-verdict]` and the 12306 summary `[data-oversold]`.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, visit, shotPath } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function done(page) {
  const errors = page.errors;
  await page.context().close();
  assert.deepEqual(errors, [], 'the page logged errors');
}

async function open(page, query) {
  await visit(page, `?lang=en#/locks?${query}`);
  await page.waitForSelector('.lk-root', { timeout: 30_000 });
}

const queue = (page, side = '') =>
  page.locator(`${side} .lq-node`).evaluateAll((els) =>
    els.map((e) => ({ seq: e.dataset.seq, owner: e.dataset.owner, holder: e.dataset.holder === 'true' })),
  );
const arrows = (page, side = '') =>
  page.locator(`${side} .lq-watch`).evaluateAll((els) => els.map((e) => ({ from: e.dataset.from, to: e.dataset.to })));
const counter = async (page, name, side = 0) =>
  Number(await page.locator(`.lk-stage [data-counter="${name}"][data-side="${side}"], .frame-aside [data-counter="${name}"][data-side="${side}"]`).first().innerText());
const holder = async (page, side = '') => (await queue(page, side)).find((n) => n.holder)?.owner;

describe('lock lab', () => {
  test('five clients contend: the queue in sequence order, one watch arrow per waiter; a release hands the lock on and wakes exactly one', async () => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 720 } });
    await open(page, 'preset=queue');
    const q = await queue(page);
    assert.equal(q.length, 5);
    assert.deepEqual(q.map((n) => Number(n.seq)), [0, 1, 2, 3, 4]);
    assert.deepEqual(q.map((n) => n.owner), ['c1', 'c2', 'c3', 'c4', 'c5']);
    assert.equal(await holder(page), 'c1');
    const a = await arrows(page);
    assert.equal(a.length, 4, 'one arrow per waiter');
    for (let i = 1; i < 5; i++) {
      const mine = a.filter((x) => x.from === `c${i + 1}`);
      assert.equal(mine.length, 1);
      assert.match(mine[0].to, new RegExp(`${String(i - 1).padStart(10, '0')}$`));
    }
    await page.screenshot({ path: shotPath('locks-queue-1280x720.png') });
    const woken = await counter(page, 'wakeups');
    await page.locator('tr[data-client="c1"] .lk-unlock').click();
    await page.waitForFunction(() => document.querySelector('.lk-root')?.dataset.at === '1');
    assert.equal(await holder(page), 'c2');
    assert.equal(await counter(page, 'wakeups'), woken + 1, 'exactly one wake-up');
    assert.equal((await queue(page)).length, 4);
    // Back and forward replay the run.
    await page.locator('.lk-back').click();
    await page.waitForFunction(() => document.querySelector('.lk-root')?.dataset.at === '0');
    assert.equal(await holder(page), 'c1');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.lk-root')?.dataset.at === '1');
    assert.equal(await holder(page), 'c2');
    // The address is the run's link: reloading it gives the same run.
    assert.match(page.url(), /log=c1\+unlock/);
    await page.reload();
    await page.waitForSelector('.lq-node');
    assert.equal(await holder(page), 'c2');
    await done(page);
  });

  test('killing the holder\'s client passes the lock only after the session timeout', async () => {
    const page = await openPage(browser);
    await open(page, 'preset=client-dies');
    assert.equal(await holder(page), 'c1');
    await page.locator('tr[data-client="c1"] .lk-kill').click();
    await page.waitForFunction(() => document.querySelector('.lk-root')?.dataset.at === '1');
    await page.locator('.lk-wait[data-wait="10"]').click();
    await page.waitForFunction(() => document.querySelector('.lk-root')?.dataset.at === '2');
    // Dead process, live session: c1's node still heads the queue.
    assert.equal((await queue(page))[0].owner, 'c1');
    assert.equal(await page.locator('tr[data-client="c1"]').getAttribute('data-session-live'), 'true');
    await page.locator('.lk-wait[data-wait="60"]').click();
    await page.waitForFunction(() => document.querySelector('.lk-root')?.dataset.at === '3');
    assert.equal(await holder(page), 'c2');
    assert.equal(await page.locator('tr[data-client="c1"]').getAttribute('data-session-live'), 'false');
    await done(page);
  });

  test('herd versus queue: n(n-1)/2 notifications against n-1, side by side', async () => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 720 } });
    await open(page, 'preset=herd');
    // Five waiting on the herd lock: every waiter watches the one lock node.
    const herdArrows = await arrows(page, '[data-side="herd"]');
    assert.equal(herdArrows.length, 4);
    assert.ok(herdArrows.every((x) => x.to === '/lock'));
    for (let i = 0; i < 5; i++) {
      await page.locator('.lk-release-holder').click();
      await page.waitForFunction((n) => document.querySelector('.lk-root')?.dataset.at === String(n), i + 1);
    }
    const n = 5;
    assert.equal(await counter(page, 'wakeups', 0), (n * (n - 1)) / 2, 'herd wake-ups');
    assert.equal(await counter(page, 'wakeups', 1), n - 1, 'queue wake-ups');
    await page.locator('.lk-measure').click();
    await page.waitForSelector('.lk-herd-dot');
    const dots = await page.locator('.lk-herd-dot').evaluateAll((els) => els.map((e) => [Number(e.dataset.n), Number(e.dataset.wakeups)]));
    for (const [k, w] of dots) assert.equal(w, (k * (k - 1)) / 2);
    const qdots = await page.locator('.lk-queue-dot').evaluateAll((els) => els.map((e) => [Number(e.dataset.n), Number(e.dataset.wakeups)]));
    for (const [k, w] of qdots) assert.equal(w, k - 1);
    await page.locator('.lk-to-start').click();
    await page.waitForFunction(() => document.querySelector('.lk-root')?.dataset.at === '0');
    await page.screenshot({ path: shotPath('locks-herd-1280x720.png') });
    await done(page);
  });

  test('12306: without the lock seats are oversold, with it never', async () => {
    const page = await openPage(browser);
    await open(page, 'preset=tickets&sellers=5');
    await page.waitForSelector('[data-locked="true"] [data-oversold]', { timeout: 60_000 });
    const without = Number(await page.locator('[data-locked="false"] [data-oversold]').getAttribute('data-oversold'));
    const withLock = Number(await page.locator('[data-locked="true"] [data-oversold]').getAttribute('data-oversold'));
    assert.ok(without > 0, 'oversold without the lock');
    assert.equal(withLock, 0);
    assert.ok((await page.locator('[data-locked="false"] .lk-oversold').count()) > 0, 'oversold sales are marked');
    assert.equal(await page.locator('[data-locked="true"] .lk-sale').count(), 10);
    await done(page);
  });

  test('the fencing preset rejects the stale write; projector mode', async () => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 720 } });
    await open(page, 'preset=fencing');
    const verdicts = await page.locator('.lk-stage [data-verdict]').evaluateAll((els) => els.map((e) => e.dataset.verdict));
    assert.deepEqual(verdicts, ['accepted', 'accepted', 'rejected']);
    assert.match(await page.locator('.lk-stage [data-verdict="rejected"]').innerText(), /c1/);
    assert.match(await page.locator('.lq-stale').innerText(), /c1 still believes/);
    await page.screenshot({ path: shotPath('locks-fencing-1280x720.png') });
    await page.keyboard.press('p');
    await page.waitForSelector('.lab-frame.projector');
    await page.screenshot({ path: shotPath('locks-fencing-projector.png') });
    await open(page, 'preset=queue&present');
    await page.waitForSelector('.lab-frame.projector');
    await page.screenshot({ path: shotPath('locks-queue-projector.png') });
    await open(page, 'preset=herd&present');
    await page.screenshot({ path: shotPath('locks-herd-projector.png') });
    await done(page);
  });

  test('Chinese words', async () => {
    const page = await openPage(browser, { locale: 'zh-CN' });
    await visit(page, '#/locks?preset=queue');
    await page.waitForSelector('.lq-node');
    assert.match(await page.locator('.lk-title').innerText(), /分布式锁/);
    assert.match(await page.locator('.lq-title').textContent(), /按序号排列/);
    await done(page);
  });
});
