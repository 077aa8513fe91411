// End-to-end tests of the election lab (#/lab) in headless Chromium. Run via ./run.sh.
//
// The lab's contract for automated checks is its accessible names: each server is a
// button named like "Server 2, LEADING, epoch 1, zxid 0x100000003", the transport
// buttons are "Play" / "Pause" / "Step" / "Next", a selected server offers "Crash
// server N" / "Restart server N". The core's own state is read through the read-only
// hooks window.wasmBindings.zooscope_lab_votes() / zooscope_lab_state().
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { launch, openPage, visit, wasmReady, shotPath, text } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function done(page, { allowErrors = false } = {}) {
  const errors = page.errors;
  await page.context().close();
  if (!allowErrors) assert.deepEqual(errors, [], 'the page logged errors');
}

/** Accessible names of the server buttons of the cluster view, in ring order. */
const serverNames = (page) =>
  page.locator('.cluster .srv[role=button]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

/** Wait until some server other than `except` is LEADING; returns its id. */
async function waitForLeader(page, { except = null, timeout = 60_000 } = {}) {
  const handle = await page.waitForFunction(
    (except) => {
      for (const e of document.querySelectorAll('.cluster .srv[role=button]')) {
        const m = /^Server (\d+), LEADING,/.exec(e.getAttribute('aria-label') ?? '');
        if (m && Number(m[1]) !== except) return Number(m[1]);
      }
      return null;
    },
    except,
    { timeout, polling: 100 },
  );
  return handle.jsonValue();
}

/** Wait until the leader serves (the ring's centre names it). */
const waitForServingLeader = (page, timeout = 60_000) =>
  page.waitForSelector('.center-main:not(.electing)', { timeout });

const events = async (page) => Number(await text(page, '#lab-events'));

/** Show the lab frame's detail panel `id` (its tab is #tab-<id>; see src/frame.rs). */
async function openPanel(page, id) {
  await page.click(`#tab-${id}`);
  await page.waitForSelector(`#panel-${id}`);
}

/** The messages the cluster's canvas painted last frame: [{id, family, x, y}] (viewport px). */
const drawn = async (page, family = null) => {
  const all = JSON.parse(await page.evaluate(() => window.wasmBindings.zooscope_lab_drawn_messages()));
  return family ? all.filter((m) => m.family === family) : all;
};
const state = (page) => page.evaluate(() => JSON.parse(window.wasmBindings.zooscope_lab_state()));

async function openLab(path = '?lang=en#/lab', opts = {}) {
  const page = await openPage(browser, { locale: 'en-US', viewport: { width: 1440, height: 1000 }, ...opts });
  await visit(page, path);
  await wasmReady(page);
  await page.waitForSelector('.cluster .srv[role=button]');
  return page;
}

describe('election lab', () => {
  test('Play elects a leader among 3 servers; crashing it elects another; no console errors', async () => {
    const page = await openLab();
    const names = await serverNames(page);
    assert.equal(names.length, 3);
    for (const [i, n] of names.entries()) {
      assert.match(n, new RegExp(`^Server ${i + 1}, LOOKING, epoch 0, zxid 0x0$`));
    }
    assert.equal(await events(page), 0);

    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    // During the election: votes on the wire.
    await page.waitForFunction(
      () => JSON.parse(window.wasmBindings.zooscope_lab_drawn_messages()).filter((m) => m.family === 'election').length >= 4,
      null,
      { timeout: 20_000 },
    );
    // The canvas's count and the painted list agree (read in one turn: the run moves on).
    const [attr, listed] = await page.evaluate(() => [
      Number(document.querySelector('.cluster-msgs').getAttribute('data-drawn')),
      JSON.parse(window.wasmBindings.zooscope_lab_drawn_messages()).length,
    ]);
    assert.equal(attr, listed);
    await page.screenshot({ path: shotPath('lab-election.png') });

    const leader = await waitForLeader(page);
    const afterElection = await serverNames(page);
    assert.equal(afterElection.filter((n) => / LEADING,/.test(n)).length, 1, afterElection.join(' | '));
    await waitForServingLeader(page);
    assert.match(await text(page, '#lab-live'), /is now LEADING/);

    // Select the leader, crash it.
    await page.locator('.cluster').getByRole('button', { name: new RegExp(`^Server ${leader}, LEADING`) }).click();
    await page.getByRole('button', { name: `Crash server ${leader}` }).click();
    await page.waitForFunction(
      (sid) => document.querySelector(`.cluster .srv[aria-label^="Server ${sid}, stopped"]`) !== null,
      leader,
    );
    assert.equal(await page.getByRole('button', { name: `Restart server ${leader}` }).count(), 1);
    const second = await waitForLeader(page, { except: leader });
    assert.notEqual(second, leader);
    await waitForServingLeader(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    const st = await state(page);
    assert.equal(st.servers.filter((s) => s.state === 'LEADING').length, 1);
    assert.equal(st.servers.find((s) => s.sid === leader).state, 'stopped');
    assert.ok(st.servers.find((s) => s.sid === second).epoch >= 2, JSON.stringify(st));
    // The data panel says the selected server is down and whose tree it shows instead.
    await openPanel(page, 'data');
    await page.waitForSelector('#data-selected-down');
    assert.match(await text(page, '#data-selected-down'), new RegExp(`^Server ${leader} is stopped`));
    await page.screenshot({ path: shotPath('lab-after-crash.png') });

    // Restart it: it rejoins as a follower.
    await page.getByRole('button', { name: `Restart server ${leader}` }).click();
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(
      (sid) => /, FOLLOWING,/.test(document.querySelector(`.cluster .srv[aria-label^="Server ${sid},"]`)?.getAttribute('aria-label') ?? ''),
      leader,
      { timeout: 60_000 },
    );
    await done(page);
  });

  test('stepping an election event by event: the ballot box matches the core', async () => {
    const page = await openLab();
    let compared = 0;
    let seenBallots = 0;
    for (let i = 1; i <= 70; i++) {
      await page.getByRole('button', { name: 'Step' }).click();
      await page.waitForFunction((n) => Number(document.querySelector('#lab-events').textContent) === n, i);
      const votes = await page.evaluate(() => JSON.parse(window.wasmBindings.zooscope_lab_votes()));
      assert.equal(votes.step, i);
      // The box shows the first running server when none is selected: server 1.
      const core = votes.servers.find((s) => s.sid === 1);
      const rows = await page.locator('.ballot-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ from: Number(tr.querySelector('th').textContent), leader: tr.querySelector('td').textContent.trim() })),
      );
      const expected = core.ballots.map((b) => ({ from: b.from, leader: String(b.leader) }));
      assert.deepEqual(rows, expected, `after event ${i}`);
      // The server buttons agree with the core's states.
      const names = await serverNames(page);
      for (const s of votes.servers) {
        const name = names.find((n) => n.startsWith(`Server ${s.sid},`));
        const word = s.state === 'stopped' ? 'stopped' : s.state;
        assert.ok(name.includes(`, ${word},`), `${name} vs ${s.state}`);
      }
      compared++;
      seenBallots = Math.max(seenBallots, rows.length);
    }
    assert.equal(compared, 70);
    assert.ok(seenBallots >= 2, 'the ballot box never filled');

    // Select server 3: its box shows its own ballots.
    await page.locator('.cluster').getByRole('button', { name: /^Server 3,/ }).click();
    const votes = await page.evaluate(() => JSON.parse(window.wasmBindings.zooscope_lab_votes()));
    const rows = await page.locator('.ballot-table tbody tr th').allTextContents();
    assert.deepEqual(rows.map(Number), votes.servers.find((s) => s.sid === 3).ballots.map((b) => b.from));

    // Next runs to a state change.
    const before = await events(page);
    await page.getByRole('button', { name: 'Next' }).click();
    assert.ok((await events(page)) > before);
    await done(page);
  });

  test('a write mid-broadcast: PROPOSAL and ACK on the wire, the message inspector', async () => {
    const page = await openLab();
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForLeader(page);
    await waitForServingLeader(page);
    await page.waitForFunction(() => [...document.querySelectorAll('.cluster .cl')].every((c) => /, CONNECTED(,|$)/.test(c.getAttribute('aria-label'))), null, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    const zxids = (st) => st.servers.filter((s) => s.state !== 'stopped').map((s) => BigInt(s.zxid));
    const before = zxids(await state(page)).reduce((a, b) => (a > b ? a : b));
    await openPanel(page, 'setup');
    await page.getByRole('button', { name: 'Send a write' }).click();
    let found = false;
    for (let i = 0; i < 300 && !found; i++) {
      await page.getByRole('button', { name: 'Step' }).click();
      found = (await drawn(page, 'broadcast')).length >= 2;
    }
    assert.ok(found, 'no PROPOSAL/ACK appeared');
    // Let them travel a little at the slowest speed so the picture shows them mid-way.
    await page.fill('#lab-speed', '-3.5');
    await page.dispatchEvent('#lab-speed', 'input');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(700);
    await page.getByRole('button', { name: 'Pause' }).click();
    if ((await drawn(page, 'broadcast')).length === 0) {
      for (let i = 0; i < 50 && (await drawn(page, 'broadcast')).length === 0; i++) {
        await page.getByRole('button', { name: 'Step' }).click();
      }
    }
    // Inspect a broadcast message by clicking where the canvas painted it (the click
    // must reach the message, not the server or link underneath): it can be dropped or
    // delayed.
    await page.locator('.cluster-msgs').scrollIntoViewIfNeeded();
    const target = (await drawn(page, 'broadcast')).at(-1);
    await page.mouse.click(target.x, target.y);
    await page.waitForSelector('.inspector .insp-fields');
    assert.match(await text(page, '.insp-heading'), new RegExp(`^Message m${target.id}$`));
    // …and only the message: the link or server under it did not react.
    assert.equal(await page.locator('.cluster .link.cut').count(), 0);
    assert.match(await text(page, '.inspector'), /PROPOSAL|ACK|COMMIT/);
    assert.equal(await page.getByRole('button', { name: 'Drop this message' }).count(), 1);
    await page.screenshot({ path: shotPath('lab-broadcast.png') });
    // Run on: the write commits (counter 1 or more on every server).
    await page.getByRole('button', { name: 'Play' }).click();
    const deadline = Date.now() + 30_000;
    while (!zxids(await state(page)).every((z) => z > before)) {
      assert.ok(Date.now() < deadline, 'the write never committed everywhere');
      await page.waitForTimeout(100);
    }
    await done(page);
  });

  test('Copy link reproduces the run exactly (same trace hash), past and future', async () => {
    const page = await openLab();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Play' }).click();
    const leader = await waitForLeader(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('.cluster').getByRole('button', { name: new RegExp(`^Server ${leader},`) }).click();
    await page.getByRole('button', { name: `Crash server ${leader}` }).click();
    for (let i = 0; i < 25; i++) await page.getByRole('button', { name: 'Step' }).click();
    await openPanel(page, 'share');
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.inputValue('#lab-link');
    assert.match(link, /#\/lab\?key=zs1\.[A-Za-z0-9_-]+$/);
    await page.waitForSelector('#lab-notice');
    assert.match(await text(page, '#lab-notice'), /Link copied/);
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, link);
    const hash = await text(page, '#lab-hash');
    const n = await events(page);
    const names = await serverNames(page);

    const other = await openPage(browser, { locale: 'en-US', viewport: { width: 1440, height: 1000 } });
    await visit(other, link);
    await other.waitForSelector('#lab-notice');
    assert.match(await text(other, '#lab-notice'), new RegExp(`reproduced.*event ${n}.*${hash}`));
    assert.equal(await text(other, '#lab-hash'), hash);
    assert.equal(await events(other), n);
    assert.deepEqual(await serverNames(other), names);
    // The future is the same too.
    for (let i = 0; i < 15; i++) {
      await page.getByRole('button', { name: 'Step' }).click();
      await other.getByRole('button', { name: 'Step' }).click();
    }
    assert.equal(await text(other, '#lab-hash'), await text(page, '#lab-hash'));
    await done(other);
    await done(page);
  });

  test('a lesson link opens its scenario: prelude played, card shown, Start over repeats it', async () => {
    const page = await openLab('?lang=en#/lab?scenario=recovery');
    await page.waitForSelector('#lab-scenario-card');
    assert.match(await text(page, '#lab-scenario-card'), /After the leader crashes/);
    assert.match(await text(page, '#lab-notice'), /Scenario “recovery” is ready/);
    const names = await serverNames(page);
    assert.equal(names.length, 5);
    const stopped = names.filter((n) => /, stopped/.test(n));
    assert.equal(stopped.length, 1, names.join(' | '));
    const crashed = Number(/^Server (\d+)/.exec(stopped[0])[1]);
    assert.ok((await events(page)) > 0, 'the prelude ran');
    const hash = await text(page, '#lab-hash');
    // The learner takes over: the four others elect a new leader.
    await page.getByRole('button', { name: 'Play' }).click();
    const leader = await waitForLeader(page, { except: crashed });
    assert.notEqual(leader, crashed);
    // Start over: the same prelude, the same run.
    await page.click('#lab-scenario-restart');
    await page.waitForFunction((h) => document.querySelector('#lab-hash')?.textContent === h, hash);
    assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1, 'paused after starting over');
    await page.screenshot({ path: shotPath('lab-scenario.png') });

    // An unknown scenario: a clear message and free play.
    await visit(page, '?lang=en#/lab?scenario=no-such-thing');
    await page.waitForSelector('#lab-notice');
    assert.match(await text(page, '#lab-notice'), /There is no scenario “no-such-thing”; this is free play/);
    assert.equal(await page.locator('#lab-scenario-card').count(), 0);
    assert.equal(await events(page), 0);
    await done(page);
  });

  test('rewinding with the timeline and acting in the past forks the run', async () => {
    const page = await openLab();
    for (let i = 0; i < 40; i++) await page.getByRole('button', { name: 'Step' }).click();
    const end = await text(page, '#lab-hash');
    await page.locator('#lab-timeline').fill('10');
    assert.equal(await events(page), 10);
    assert.match(await text(page, '.rewound-note'), /looking at the past/);
    // Forward again without acting: the same run.
    await page.locator('#lab-timeline').fill('40');
    assert.equal(await text(page, '#lab-hash'), end);
    // Back, then act: a fork.
    await page.locator('#lab-timeline').fill('12');
    await page.locator('.cluster').getByRole('button', { name: /^Server 1,/ }).click();
    await page.getByRole('button', { name: 'Crash server 1' }).click();
    assert.match(await text(page, '#lab-notice'), /Forked/);
    assert.equal(await page.locator('.rewound-note').count(), 0);
    // The event log jumps too.
    await openPanel(page, 'log');
    await page.locator('#lab-log .log-entry').first().click();
    assert.ok((await events(page)) <= 13);
    await done(page);
  });

  test('a malformed or tampered link shows a bilingual error and the lab keeps working', async () => {
    const page = await openLab('?lang=en#/lab?key=zs1.this-is-not-a-key');
    await page.waitForSelector('#lab-notice[role=alert]');
    const msg = await text(page, '#lab-notice');
    assert.match(msg, /This link cannot be opened/);
    assert.match(msg, /这个链接无法打开/);
    await page.screenshot({ path: shotPath('lab-bad-link.png') });
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => Number(document.querySelector('#lab-events').textContent) > 5);

    // A real key with one character changed: the checksum catches it.
    await page.getByRole('button', { name: 'Pause' }).click();
    await openPanel(page, 'share');
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.inputValue('#lab-link');
    const i = link.length - 8;
    const tampered = link.slice(0, i) + (link[i] === 'A' ? 'B' : 'A') + link.slice(i + 1);
    const other = await openLab(tampered);
    await other.waitForSelector('#lab-notice[role=alert]');
    assert.match(await text(other, '#lab-notice'), /damaged or was changed|cannot be read|checksum/);
    await other.getByRole('button', { name: 'Step' }).click();
    assert.equal(await events(other), 1);
    await done(other);
    await done(page);
  });

  test('export and import a run file; a tampered file is refused', async () => {
    const page = await openLab();
    for (let i = 0; i < 30; i++) await page.getByRole('button', { name: 'Step' }).click();
    await openPanel(page, 'share');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export run (JSON)' }).click()]);
    const path = await download.path();
    const file = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(file.format, 'zooscope-run');
    assert.equal(file.step, 30);
    assert.equal(file.trace_hash, await text(page, '#lab-hash'));

    const other = await openLab();
    await openPanel(other, 'share');
    await other.setInputFiles('#lab-import', path);
    await other.waitForFunction(() => /Run loaded/.test(document.querySelector('#lab-notice')?.textContent ?? ''));
    assert.equal(await text(other, '#lab-hash'), file.trace_hash);
    assert.equal(await events(other), 30);

    const bad = shotPath('tampered-run.json');
    writeFileSync(bad, JSON.stringify({ ...file, trace_hash: '0123456789abcdef' }));
    await other.setInputFiles('#lab-import', bad);
    await other.waitForSelector('#lab-notice[role=alert]');
    assert.match(await text(other, '#lab-notice'), /This file cannot be loaded[\s\S]*different trace hash/);
    await other.setInputFiles('#lab-import', { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":') });
    await other.waitForFunction(() => /not a run exported/.test(document.querySelector('#lab-notice')?.textContent ?? ''));
    await done(other);
    await done(page);
  });

  test('keyboard: Space plays and pauses, → steps, N runs to the next change; not while typing', async () => {
    const page = await openLab();
    await page.locator('h1').click();
    await page.keyboard.press('ArrowRight');
    assert.equal(await events(page), 1);
    await page.keyboard.press('n');
    const afterNext = await events(page);
    assert.ok(afterNext > 1);
    await page.keyboard.press(' ');
    assert.equal(await page.getAttribute('#lab-play', 'aria-pressed'), 'true');
    await page.keyboard.press(' ');
    assert.equal(await page.getAttribute('#lab-play', 'aria-pressed'), 'false');
    const paused = await events(page);
    // Typing into the seed field is typing, not shortcuts.
    await page.locator('#lab-seed').click();
    await page.keyboard.type(' n');
    await page.keyboard.press('ArrowRight');
    assert.equal(await events(page), paused);
    assert.equal(await page.getAttribute('#lab-play', 'aria-pressed'), 'false');
    // Servers are reachable by Tab and selected with Enter.
    await page.locator('.cluster .srv[role=button]').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('button', { name: 'Crash server 1' }).count(), 1);
    await done(page);
  });

  test('touch: tapping a server selects it; the ensemble size and seed can change', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`));
    page.on('console', (m) => m.type() === 'error' && page.errors.push(`console: ${m.text()}`));
    await visit(page, '?lang=en#/lab');
    await page.waitForSelector('.cluster .srv[role=button]');
    await page.locator('.cluster .srv[role=button]').nth(1).tap();
    assert.equal(await page.getByRole('button', { name: 'Crash server 2' }).count(), 1);
    await page.screenshot({ path: shotPath('lab-phone.png'), fullPage: false });

    await page.locator('#tab-setup').tap();
    await page.fill('#lab-servers', '5');
    await page.dispatchEvent('#lab-servers', 'change');
    await page.fill('#lab-observers', '1');
    await page.dispatchEvent('#lab-observers', 'change');
    await page.getByRole('button', { name: 'Start a new run' }).tap();
    assert.equal((await serverNames(page)).length, 5);
    assert.match(await text(page, '#lab-notice'), /A new run started/);
    await page.fill('#lab-seed', '99');
    await page.getByRole('button', { name: 'Reset' }).tap();
    assert.match(await text(page, '#lab-notice'), /seed 99/);
    assert.equal((await state(page)).servers.length, 5);
    await done(page);
  });

  test('zoo.cfg editor: a bad line is reported, a good file starts the run', async () => {
    const page = await openLab();
    await openPanel(page, 'setup');
    await page.fill('#lab-zoo-cfg', 'tickTime=2000\nserver.x=nope\n');
    await page.getByRole('button', { name: 'Apply zoo.cfg' }).click();
    assert.match(await text(page, '#lab-notice'), /line 2/);
    await page.fill('#lab-zoo-cfg', 'tickTime=2000\ninitLimit=10\nsyncLimit=5\nserver.1=127.0.0.1:2888:3888\nserver.2=127.0.0.1:2889:3889\nserver.3=127.0.0.1:2890:3890\nserver.4=127.0.0.1:2891:3891:observer\n');
    await page.getByRole('button', { name: 'Apply zoo.cfg' }).click();
    assert.equal((await serverNames(page)).length, 4);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => /, OBSERVING,/.test(document.querySelector('.cluster .srv[aria-label^="Server 4,"]')?.getAttribute('aria-label') ?? ''), null, { timeout: 60_000 });
    await done(page);
  });

  test('partition: the minority side loses its leader, healing brings it back', async () => {
    const page = await openLab();
    await page.getByRole('button', { name: 'Play' }).click();
    const leader = await waitForLeader(page);
    await waitForServingLeader(page);
    // Leader alone in group B, the other two in group A.
    await openPanel(page, 'setup');
    for (const sid of [1, 2, 3]) await page.selectOption(`#lab-group-${sid}`, sid === leader ? '1' : '0');
    await page.getByRole('button', { name: 'Split the ensemble' }).click();
    assert.ok((await page.locator('.cluster .link.cut').count()) >= 2);
    const next = await waitForLeader(page, { except: leader });
    assert.notEqual(next, leader);
    await page.getByRole('button', { name: 'Heal all' }).click();
    assert.equal(await page.locator('.cluster .link.cut').count(), 0);
    await done(page);
  });

  test('the zkCli console writes through the ensemble and the run stays reproducible', async () => {
    const page = await openLab();
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForServingLeader(page);
    await page.waitForFunction(() => [...document.querySelectorAll('.cluster .cl')].every((c) => /, CONNECTED(,|$)/.test(c.getAttribute('aria-label'))), null, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await openPanel(page, 'data');
    await page.fill('.zk-console .console-input', 'create /lab hello');
    await page.press('.zk-console .console-input', 'Enter');
    await page.waitForFunction(() => /Created \/lab/.test(document.querySelector('.zk-console .console-screen')?.textContent ?? ''), null, { timeout: 10_000 });
    await page.fill('.zk-console .console-input', 'get /lab');
    await page.press('.zk-console .console-input', 'Enter');
    await page.waitForFunction(() => /hello/.test(document.querySelector('.zk-console .console-screen')?.textContent ?? ''));
    // The console's requests are commands of the run: a link reproduces them.
    await openPanel(page, 'share');
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.inputValue('#lab-link');
    const hash = await text(page, '#lab-hash');
    const other = await openLab(link);
    assert.equal(await text(other, '#lab-hash'), hash);
    await done(other);
    await done(page);
  });

  test('the console takes Curator lines beside zkCli lines, with Tab completion for both', async () => {
    const page = await openLab();
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForServingLeader(page);
    await page.waitForFunction(() => [...document.querySelectorAll('.cluster .cl')].every((c) => /, CONNECTED(,|$)/.test(c.getAttribute('aria-label'))), null, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await openPanel(page, 'data');
    const input = '.zk-console .console-input';
    // Tab completes the builder chain, then a CreateMode.
    await page.fill(input, 'client.create().creatingParentsI');
    await page.press(input, 'Tab');
    assert.equal(await page.inputValue(input), 'client.create().creatingParentsIfNeeded()');
    await page.fill(input, 'client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_');
    await page.press(input, 'Tab');
    assert.equal(await page.inputValue(input), 'client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL');
    await page.fill(input, 'client.create().creatingParentsIfNeeded().forPath("/cur/a", "x".getBytes())');
    await page.press(input, 'Enter');
    await page.waitForFunction(() => /jshell> client\.create\(\)[^\n]*\n(.*CONNECTED\n)?\/cur\/a\n/.test(document.querySelector('.zk-console .console-screen')?.textContent ?? ''), null, { timeout: 10_000 });
    // zkCli completes the path Curator made, and reads it.
    await page.fill(input, 'get /cu');
    await page.press(input, 'Tab');
    assert.equal(await page.inputValue(input), 'get /cur');
    await page.fill(input, 'get /cur/a');
    await page.press(input, 'Enter');
    await page.waitForFunction(() => /get \/cur\/a\nx\n/.test(document.querySelector('.zk-console .console-screen')?.textContent ?? ''), null, { timeout: 10_000 });
    // Malformed Java is a clear error, never a panic.
    await page.fill(input, 'client.create(.forPath("/x")');
    await page.press(input, 'Enter');
    await page.waitForFunction(() => /error: not in the simulated Curator subset/.test(document.querySelector('.zk-console .console-screen')?.textContent ?? ''), null, { timeout: 10_000 });
    assert.equal(await page.locator('#zs-panic-title').count(), 0);
    await page.locator('.zk-console').screenshot({ path: shotPath('lab-console-curator.png') });
    // The Curator line's requests are commands of the run: a link reproduces them.
    await openPanel(page, 'share');
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.inputValue('#lab-link');
    const hash = await text(page, '#lab-hash');
    const other = await openLab(link);
    assert.equal(await text(other, '#lab-hash'), hash);
    await done(other);
    await done(page);
  });

  test('Chinese: accessible names and controls are translated', async () => {
    const page = await openPage(browser, { locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    await visit(page, '#/lab');
    await page.waitForSelector('.cluster .srv[role=button]');
    const names = await serverNames(page);
    assert.match(names[0], /^服务器 1，LOOKING，epoch 0，zxid 0x0$/);
    assert.equal(await page.getByRole('button', { name: '播放' }).count(), 1);
    await page.getByRole('button', { name: '播放' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('.cluster .srv[role=button]')].some((e) => /LEADING/.test(e.getAttribute('aria-label'))), null, { timeout: 60_000 });
    await page.screenshot({ path: shotPath('lab-zh.png'), fullPage: true });
    // The event log words every event in Chinese from typed data, naming nodes as the lab does.
    await page.getByRole('button', { name: '暂停' }).click();
    await openPanel(page, 'log');
    await page.selectOption('#lab-log-category', 'note');
    const notes = await page.locator('#lab-log .log-text').allTextContents();
    assert.ok(notes.some((t) => /^第 \d+ 轮选举结束：进入 (LEADING|FOLLOWING) 状态/.test(t)), notes.join('\n'));
    assert.ok(notes.every((t) => !/\bn\d+\b|election round|gives up|serves as/.test(t)), notes.join('\n'));
    await page.selectOption('#lab-log-category', '');
    const all = await page.locator('#lab-log .log-text').allTextContents();
    assert.ok(all.length > 0 && all.every((t) => !/\bn\d+\b/.test(t)), all.join('\n'));
    await page.locator('.event-log-card').screenshot({ path: shotPath('lab-zh-log.png') });
    await done(page);
  });
});
