// Live mode end to end (run by ./run.sh, which starts three real ZooKeeper servers and the
// bridge): GET /snapshot agrees with srvr, #/live shows the real leader, a crash of the
// leader's JVM gives a new leader in a higher epoch, the server comes back, garbage on the
// WebSocket is refused without harm, and the page logs no errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { launch, openPage, visit, shotPath } from '../e2e/helpers.mjs';

const BRIDGE = process.env.LIVE_BRIDGE ?? '127.0.0.1:23190';
const WORK = process.env.LIVE_WORK;
const CLUSTER = new URL('./cluster.sh', import.meta.url).pathname;
const clientPort = (id) => 23180 + id;

/** `srvr`'s Mode of server `id` ('' when it does not answer with one). */
function srvrMode(id) {
  return new Promise((resolve) => {
    let text = '';
    const sock = createConnection({ host: '127.0.0.1', port: clientPort(id) }, () => sock.write('srvr'));
    sock.setTimeout(3000, () => sock.destroy());
    sock.on('data', (d) => (text += d));
    sock.on('error', () => resolve(''));
    sock.on('close', () => resolve(/^Mode: (\S+)/m.exec(text)?.[1] ?? ''));
  });
}

async function snapshot() {
  const res = await fetch(`http://${BRIDGE}/snapshot`);
  return res.ok ? res.json() : null;
}

/** Retry `probe` until it returns a truthy value, or fail after `ms`. */
async function until(what, probe, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const leaderOf = (s) => s?.servers.filter((v) => v.mode === 'leader') ?? [];

let browser;
let page;
before(async () => {
  assert.ok(WORK, 'LIVE_WORK is set by run.sh');
  browser = await launch();
  page = await openPage(browser, { locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
});
after(async () => {
  await browser?.close();
});

let leader;
let epoch;

test('the ensemble elects a leader and GET /snapshot reports the modes srvr reports', async () => {
  const modes = await until('a leader and two followers', async () => {
    const m = await Promise.all([1, 2, 3].map(srvrMode));
    return m.filter((x) => x === 'leader').length === 1 && m.filter((x) => x === 'follower').length === 2 && m;
  }, 60_000);
  // The bridge polls every 500 ms: wait for a round after the election.
  const s = await until('a snapshot with the same modes', async () => {
    const snap = await snapshot();
    const got = snap?.servers.map((v) => v.mode);
    const now = await Promise.all([1, 2, 3].map(srvrMode));
    return JSON.stringify(got) === JSON.stringify(now) && snap;
  });
  assert.deepEqual(s.servers.map((v) => v.mode), modes);
  assert.deepEqual(s.servers.map((v) => v.id), [1, 2, 3]);
  assert.deepEqual(s.servers.map((v) => v.address), [1, 2, 3].map((id) => `127.0.0.1:${clientPort(id)}`));
  [leader] = leaderOf(s);
  epoch = Math.floor(leader.zxid / 2 ** 32);
  assert.ok(epoch >= 1);
  assert.ok(s.servers.every((v) => v.serving && v.members.length === 3));
  assert.ok(s.tree.nodes.some((n) => n.path === '/zookeeper'), 'the tree is read');
});

test('#/live shows the real leader, and a command creates an ephemeral owned by the bridge', async () => {
  await visit(page, `#/live?bridge=${BRIDGE}`);
  await page.waitForSelector('.live-link.link-open', { timeout: 15_000 });
  await page.waitForSelector('.live-server', { timeout: 15_000 });
  assert.equal(await page.locator('.live-server').count(), 3);
  const row = page.locator('.live-server[data-mode="leader"]');
  await row.waitFor({ timeout: 10_000 });
  assert.equal(await row.locator('th').innerText(), String(leader.id));
  assert.equal(await page.locator('svg.cluster .srv-leading').count() > 0, true);
  await page.fill('#live-cmd', 'create -e /live-e2e hello');
  await page.press('#live-cmd', 'Enter');
  await page.waitForSelector('.live-console-out:has-text("Created /live-e2e")', { timeout: 10_000 });
  const owner = page.locator('.live-tree tr:has(code:text-is("/live-e2e")) td.ephemeral');
  await owner.waitFor({ timeout: 10_000 });
  // A watch set through the bridge is a real one: wchp lists it, the page shows it.
  await page.fill('#live-cmd', 'get -w /live-e2e');
  await page.press('#live-cmd', 'Enter');
  await page.waitForSelector('.live-console-out:has-text("hello")', { timeout: 10_000 });
  await page.locator('.live-watches tr:has(code:text-is("/live-e2e"))').waitFor({ timeout: 10_000 });
  const s = await snapshot();
  const node = s.tree.nodes.find((n) => n.path === '/live-e2e');
  assert.equal(node.stat.ephemeral_owner, s.tree.session, 'the bridge session owns the ephemeral');
  const watched = s.servers.flatMap((v) => v.watches).find((w) => w.path === '/live-e2e');
  assert.deepEqual(watched?.sessions, [s.tree.session], 'wchp names the bridge session');
  await page.screenshot({ path: shotPath('live-1-leader.png'), fullPage: true });
});

test('garbage on the WebSocket is refused and the bridge keeps serving', async () => {
  // The bridge answers in binary frames (postcard): a refusal per bad message, then the
  // snapshots go on over the same connection.
  const after = await page.evaluate(async (addr) => {
    const ws = new WebSocket(`ws://${addr}/ws`);
    ws.binaryType = 'arraybuffer';
    await new Promise((r) => (ws.onopen = r));
    let frames = 0;
    ws.onmessage = (e) => { if (e.data instanceof ArrayBuffer) frames += 1; };
    ws.send('{"type":"kill","server":1}');
    ws.send('not json at all');
    ws.send(new Uint8Array([0, 159, 146, 150]));
    await new Promise((r) => setTimeout(r, 1500));
    const state = { frames, open: ws.readyState === WebSocket.OPEN };
    ws.close();
    return state;
  }, BRIDGE);
  assert.ok(after.open, 'the connection stays open');
  assert.ok(after.frames >= 4, `three refusals and a snapshot arrived (${after.frames} frames)`);
  assert.ok(await snapshot(), 'GET /snapshot still answers');
});

test('killing the leader gives a new leader in a higher epoch, on the page too', async () => {
  const t0 = Date.now();
  execFileSync(CLUSTER, ['kill', WORK, String(leader.id)]);
  await page.waitForTimeout(700);
  await page.screenshot({ path: shotPath('live-2-leader-killed.png'), fullPage: true });
  const s = await until('a new leader', async () => {
    const snap = await snapshot();
    const [l] = leaderOf(snap);
    return l && l.id !== leader.id && snap;
  });
  const [next] = leaderOf(s);
  const nextEpoch = Math.floor(next.zxid / 2 ** 32);
  assert.ok(nextEpoch > epoch, `epoch ${nextEpoch} > ${epoch}`);
  assert.equal(s.servers.find((v) => v.id === leader.id).mode, 'down');
  assert.equal(await srvrMode(next.id), 'leader');
  console.log(`failover: server ${leader.id} -> ${next.id}, epoch ${epoch} -> ${nextEpoch}, ${Date.now() - t0} ms`);
  const row = page.locator(`.live-server[data-mode="leader"]:has(th:text-is("${next.id}"))`);
  await row.waitFor({ timeout: 10_000 });
  assert.equal(await row.locator('.live-epoch').innerText(), String(nextEpoch));
  await page.waitForSelector('.moment-bad', { timeout: 5_000 });
  assert.ok((await page.locator('.moment-leader').count()) >= 2, 'both leaders are on the timeline');
  await page.screenshot({ path: shotPath('live-3-new-leader.png'), fullPage: true });
  leader = { ...leader, next: next.id };
});

test('the killed server comes back as a follower', async () => {
  execFileSync(CLUSTER, ['run', WORK, String(leader.id)]);
  await until('the old leader back as follower', async () => (await srvrMode(leader.id)) === 'follower', 45_000);
  const row = page.locator(`.live-server[data-mode="follower"]:has(th:text-is("${leader.id}"))`);
  await row.waitFor({ timeout: 10_000 });
  await page.waitForSelector('.moment-ok', { timeout: 5_000 });
  await page.screenshot({ path: shotPath('live-4-back.png'), fullPage: true });
  assert.deepEqual(page.errors, [], 'the page logged errors');
});
