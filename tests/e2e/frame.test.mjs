// End-to-end tests of the lab frame (src/frame.rs, static/frame.css): one screen at a
// projector's 1280×720, a laptop's 1440×900 and a phone's 390×844; no clipped text in
// any detail panel; cluster labels that never overlap; every action by keyboard; the dark
// scheme and projector mode. Screenshots of each size, scheme and mode go to
// $ZOOSCOPE_SHOTS (frame-<w>x<h>-<light|dark|projector>.png). Run via ./run.sh.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { launch, visit, wasmReady, shotPath, text } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];
/** The election lab's detail panels, in number-key order (their tabs are #tab-<id>). */
const PANELS = ['ballot', 'zab', 'data', 'log', 'seq', 'safety', 'setup', 'share'];
/**
 * Marked scroll containers: the only elements inside a panel that may be wider inside
 * than their box (static/frame.css gives them the scroll cue).
 */
const SCROLL_MARKED = '[data-scroll], .table-wrap, .tree-wrap, .log-card, .lab-log, .seq-box, .console-screen';

async function open(size, { scheme = 'light', path = '?lang=en#/lab', locale = 'en-US' } = {}) {
  const phone = size.width < 500;
  const context = await browser.newContext({
    locale,
    viewport: size,
    colorScheme: scheme,
    hasTouch: phone,
    isMobile: phone,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`));
  page.on('console', (m) => m.type() === 'error' && page.errors.push(`console: ${m.text()}`));
  await visit(page, path);
  await wasmReady(page);
  await page.waitForSelector('.cluster .srv[role=button]');
  return page;
}

async function done(page) {
  const errors = page.errors;
  await page.context().close();
  assert.deepEqual(errors, [], 'the page logged errors');
}

/** Play until some server leads and serves, then pause. */
async function elect(page) {
  await page.click('#lab-play');
  await page.waitForSelector('.center-main:not(.electing)', { timeout: 60_000 });
  await page.click('#lab-play');
}

/** A new run of `servers` servers and `clients` clients through the set-up panel. */
async function newRun(page, servers, clients) {
  await page.click('#tab-setup');
  await page.fill('#lab-servers', String(servers));
  await page.dispatchEvent('#lab-servers', 'change');
  await page.fill('#lab-clients', String(clients));
  await page.dispatchEvent('#lab-clients', 'change');
  await page.getByRole('button', { name: 'Start a new run' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.cluster .srv[role=button]').length === n, servers);
  await page.click('#tab-ballot');
}

/** What lies (partly) outside the viewport, or why the page scrolls: [] when all is in view. */
const outOfView = (page) =>
  page.evaluate(() => {
    const out = [];
    const de = document.documentElement;
    if (de.scrollHeight > innerHeight + 1) out.push(`the page is ${de.scrollHeight} px tall in a ${innerHeight} px window`);
    if (de.scrollWidth > innerWidth + 1) {
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className?.baseVal ?? e.className}`);
      out.push(`the page is ${de.scrollWidth} px wide in a ${innerWidth} px window (${wide.join(', ')})`);
    }
    const inside = (el, what) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) out.push(`${what} is not shown`);
      else if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1)
        out.push(`${what} at ${[r.left, r.top, r.right, r.bottom].map(Math.round)} is outside ${innerWidth}×${innerHeight}`);
    };
    for (const el of document.querySelectorAll('.cluster .srv[role=button]')) inside(el, el.getAttribute('aria-label'));
    inside(document.querySelector('#lab-play'), 'the Play button');
    const panel = document.querySelector('.frame-panel.active');
    if (panel) {
      inside(panel, `panel ${panel.dataset.panel}`);
      // …and tall enough to read, not squeezed to a strip.
      const h = panel.getBoundingClientRect().height;
      if (h < Math.min(180, innerHeight * 0.2)) out.push(`panel ${panel.dataset.panel} is only ${Math.round(h)} px tall`);
    } else out.push('no panel is shown');
    return out;
  });

/** Elements inside the shown panel wider inside than their box and not marked scroll boxes. */
const clipped = (page) =>
  page.evaluate((marked) => {
    const out = [];
    const panel = document.querySelector('.frame-panel.active');
    for (const el of panel.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || el.clientWidth === 0) continue;
      // Text for screen readers only is clipped to 1 px on purpose.
      if (el.matches('.sr-only, .visually-hidden')) continue;
      if (el.scrollWidth <= el.clientWidth + 1) continue;
      // Abbreviated on purpose: an ellipsis, and the whole text as its tooltip.
      if (getComputedStyle(el).textOverflow === 'ellipsis' && el.title.trim() !== '') continue;
      if (el.matches(marked)) {
        // A marked box that does scroll shows the cue (a shadow on the side with more).
        if (!/gradient/.test(getComputedStyle(el).backgroundImage)) out.push(`${el.className}: scrolls without a cue`);
        continue;
      }
      out.push(`${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth}): ${el.textContent.slice(0, 40)}`);
    }
    return out;
  }, SCROLL_MARKED);

describe('lab frame', () => {
  for (const size of SIZES) {
    test(`${size.width}×${size.height}: servers, Play and every panel in view without scrolling; no clipped text`, async () => {
      const page = await open(size);
      assert.deepEqual(await outOfView(page), []);
      await elect(page);
      // A write, so the ZAB and data panels have rows to show.
      await page.click('#lab-play');
      await page.waitForFunction(() => [...document.querySelectorAll('.cluster .cl')].every((c) => /, CONNECTED(,|$)/.test(c.getAttribute('aria-label'))), null, { timeout: 60_000 });
      await page.click('#lab-play');
      await page.click('#tab-setup');
      await page.getByRole('button', { name: 'Send a write' }).click();
      for (let i = 0; i < 40; i++) await page.click('#lab-step');
      for (const id of PANELS) {
        await page.click(`#tab-${id}`);
        await page.waitForSelector(`#panel-${id}.active`);
        assert.deepEqual(await outOfView(page), [], `with panel ${id}`);
        assert.deepEqual(await clipped(page), [], `clipped text in panel ${id}`);
      }
      await page.click('#tab-ballot');
      await page.screenshot({ path: shotPath(`frame-${size.width}x${size.height}-light.png`) });
      await done(page);
    });
  }

  test('server labels, the banner and clients never overlap: 3, 5, 7, 9 servers with 20 clients', async () => {
    for (const size of SIZES.slice(0, 2)) {
      const page = await open(size);
      for (const n of [3, 5, 7, 9]) {
        await newRun(page, n, 20);
        // Past the first votes, so every label has its third line.
        for (let i = 0; i < 30; i++) await page.click('#lab-step');
        for (const projector of [false, true]) {
          if (projector) await page.click('#frame-projector');
          const boxes = await page.evaluate(() => {
            const rect = (el) => {
              const r = el.getBoundingClientRect();
              return { l: r.left, t: r.top, r: r.right, b: r.bottom };
            };
            return {
              labels: [...document.querySelectorAll('.cluster .srv-label')].map(rect),
              banner: rect(document.querySelector('.cluster .banner')),
              clients: [...document.querySelectorAll('.cluster .cl .cl-box')].map(rect),
            };
          });
          const hit = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
          const where = `${n} servers at ${size.width}×${size.height}${projector ? ', projector' : ''}`;
          assert.equal(boxes.labels.length, n, where);
          assert.equal(boxes.clients.length, 20, where);
          for (const [i, a] of boxes.labels.entries()) {
            assert.ok(!hit(a, boxes.banner), `label of server ${i + 1} on the banner: ${where}`);
            for (const [j, b] of boxes.labels.entries()) {
              if (j > i) assert.ok(!hit(a, b), `labels of servers ${i + 1} and ${j + 1} overlap: ${where}`);
            }
            for (const [j, c] of boxes.clients.entries()) assert.ok(!hit(a, c), `label of server ${i + 1} on client ${j + 1}: ${where}`);
          }
          assert.deepEqual(await outOfView(page), [], where);
          if (n === 9) await page.screenshot({ path: shotPath(`frame-${size.width}x${size.height}-9-servers${projector ? '-projector' : ''}.png`) });
          if (projector) await page.click('#frame-projector');
        }
      }
      await done(page);
    }
  });

  test('keyboard only: play, select a server, crash it, inspect and drop a message in flight, switch panels', async () => {
    const page = await open(SIZES[0]);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '');
    /** Press Tab (or Shift+Tab) until the focused element matches `selector`. */
    const tabTo = async (selector, back = false) => {
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      assert.fail(`Tab never reached ${selector}`);
    };
    // Play with Space, until a leader serves; pause with Space.
    await page.keyboard.press(' ');
    assert.equal(await page.getAttribute('#lab-play', 'aria-pressed'), 'true');
    await page.waitForSelector('.center-main:not(.electing)', { timeout: 60_000 });
    await page.keyboard.press(' ');
    assert.equal(await page.getAttribute('#lab-play', 'aria-pressed'), 'false');
    // Select the leader with Tab and Enter; crash it with its button.
    await tabTo('.cluster .srv.srv-leading[role=button]');
    const leader = Number(/^Server (\d+)/.exec(await focused())[1]);
    await page.keyboard.press('Enter');
    await tabTo('#lab-crash');
    assert.equal((await text(page, '#lab-crash')).trim(), `Crash server ${leader}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.cluster .srv[aria-label^="Server ${leader}, stopped"]`);
    // Step (→) until messages are in flight; pick one from the list with Tab and Enter.
    for (let i = 0; i < 200 && (await page.locator('.flight-list .flight').count()) === 0; i++) await page.keyboard.press('ArrowRight');
    await page.locator('h1').focus();
    await tabTo('.flight-list .flight');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.inspector .insp-fields');
    const heading = await text(page, '.insp-heading');
    const id = Number(/^Message m(\d+)$/.exec(heading)[1]);
    // Inspect: its kind and ends are shown; drop it.
    assert.match(await text(page, '.inspector .insp-fields'), /Kind[\s\S]*From[\s\S]*To/);
    const painted = async () => JSON.parse(await page.evaluate(() => window.wasmBindings.zooscope_lab_drawn_messages())).map((m) => m.id);
    assert.ok((await painted()).includes(id), `message m${id} is on the wire before the drop`);
    const inFlight = Number(await text(page, '#lab-in-flight'));
    await tabTo('#lab-drop', true);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => Number(document.querySelector('#lab-in-flight').textContent) === n - 1, inFlight);
    assert.ok(!(await painted()).includes(id), `message m${id} is still on the wire`);
    // Switch panels with number keys and the arrow keys of the tab list.
    await page.locator('h1').focus();
    await page.keyboard.press('4');
    await page.waitForSelector('#panel-log.active');
    await page.keyboard.press('2');
    await page.waitForSelector('#panel-zab.active');
    await tabTo('#tab-zab');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#panel-data.active');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-data');
    // `?` shows the shortcuts; Escape hides them.
    await page.keyboard.press('?');
    await page.waitForSelector('#frame-help-sheet');
    assert.match(await text(page, '#frame-help-sheet'), /Space[\s\S]*Play \/ pause[\s\S]*1–9/);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#frame-help-sheet').count(), 0);
    // The live region narrated the crash and the new election.
    assert.match(await text(page, '#lab-live'), /Server \d+ is now|stopped|LEADING|LOOKING/);
    await done(page);
  });

  test('dark scheme follows the system and the toggle (kept); projector mode by ?present and P', async () => {
    const luminance = (page, selector) =>
      page.evaluate((s) => {
        const [r, g, b] = getComputedStyle(document.querySelector(s)).backgroundColor.match(/\d+/g).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      }, selector);
    for (const size of SIZES) {
      const page = await open(size, { scheme: 'dark' });
      assert.equal(await page.getAttribute('html', 'data-scheme'), 'dark');
      assert.ok((await luminance(page, 'body')) < 0.2, 'the page is dark');
      assert.ok((await luminance(page, '.frame-panel-body > section')) < 0.25, 'the panels are dark');
      await elect(page);
      await page.screenshot({ path: shotPath(`frame-${size.width}x${size.height}-dark.png`) });
      // The toggle: light, and it stays light after a reload.
      await page.click('#frame-scheme');
      assert.equal(await page.getAttribute('html', 'data-scheme'), 'light');
      await visit(page, '?lang=en#/lab');
      await page.waitForSelector('.cluster .srv[role=button]');
      assert.equal(await page.getAttribute('html', 'data-scheme'), 'light');
      assert.ok((await luminance(page, 'body')) > 0.8, 'the page is light again');
      await done(page);
    }
    for (const size of SIZES) {
      const page = await open(size, { path: '?lang=en#/lab?present' });
      assert.equal(await page.locator('.lab-frame.projector').count(), 1, '?present turns projector mode on');
      // The keys are on screen where there is a keyboard (not on a phone).
      assert.equal(await page.locator('.frame-keys').isVisible(), size.width > 760);
      assert.match(await text(page, '.frame-keys'), /Space/);
      const stateSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.center-main')).fontSize));
      const big = await stateSize();
      await elect(page);
      // The pointer's target is ringed.
      const srv = page.locator('.cluster .srv[role=button]').first();
      await srv.hover();
      // The ring may land a frame after the hover on a busy machine: poll briefly for it.
      const ring = srv.locator('.srv-focus');
      let width = '3px';
      for (let i = 0; i < 20 && width === '3px'; i += 1) {
        await srv.hover();
        width = await ring.evaluate((e) => getComputedStyle(e).strokeWidth);
        if (width === '3px') await page.waitForTimeout(100);
      }
      assert.notEqual(width, '3px', 'the hovered server is ringed');
      await page.mouse.move(0, 0);
      assert.deepEqual(await outOfView(page), []);
      await page.screenshot({ path: shotPath(`frame-${size.width}x${size.height}-projector.png`) });
      await page.locator('h1').focus();
      await page.keyboard.press('p');
      await page.waitForSelector('.lab-frame:not(.projector)');
      await page.waitForFunction((big) => parseFloat(getComputedStyle(document.querySelector('.center-main')).fontSize) < big, big, { timeout: 5_000 }).catch(() => {});
      const normal = await stateSize();
      assert.ok(big > normal, `projector type ${big} px vs ${normal} px at ${size.width}×${size.height}`);
      await done(page);
    }
  });

  test('the scenario card folds to one line and opens; Chinese at 1280×720 fits too', async () => {
    const page = await open(SIZES[0], { path: '?lang=en#/lab?scenario=recovery' });
    await page.waitForSelector('#lab-scenario-card');
    const line = await page.locator('#lab-scenario-card').boundingBox();
    assert.ok(line.height < 60, `the folded card is ${line.height} px tall`);
    assert.equal(await page.locator('#lab-scenario-text').count(), 0);
    await page.click('#lab-scenario-more');
    assert.match(await text(page, '#lab-scenario-text'), /Five servers/);
    await page.click('#lab-scenario-more');
    assert.deepEqual(await outOfView(page), []);
    await done(page);

    const zh = await open(SIZES[0], { path: '#/lab', locale: 'zh-CN' });
    assert.equal((await text(zh, '#tab-ballot')).replace(/\s+/g, ''), '1投票箱');
    for (const id of PANELS) {
      await zh.click(`#tab-${id}`);
      assert.deepEqual(await outOfView(zh), [], `zh, panel ${id}`);
      assert.deepEqual(await clipped(zh), [], `zh, clipped text in panel ${id}`);
    }
    await done(zh);
  });
});
