// The course in the browser: a lesson walked end to end in each language, presenter mode by
// keyboard alone, and every lesson page in both languages loading with zero console errors.
// Run via ./run.sh (the bundle's dist/lessons/ is written by Trunk's pre-build hook).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { launch, openPage, visit, shotPath, text, BASE_URL } from './helpers.mjs';

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

/** Decode the QR code drawn on the page (one SVG path of 1×1 module squares) with jsQR. */
async function decodeQr(page, selector) {
  const { d, box } = await page.$eval(selector, (svg) => ({
    d: svg.querySelector('path').getAttribute('d'),
    box: svg.getAttribute('viewBox'),
  }));
  const modules = Number(box.split(' ')[2]);
  const scale = 6;
  const size = modules * scale;
  const rgba = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const [, x, y] of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const i = ((Number(y) * scale + dy) * size + Number(x) * scale + dx) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
    }
  }
  return jsQR(rgba, size, size)?.data ?? null;
}

const events = async (page, piece) => Number(await text(page, `${piece} [id$="lab-events"]`));

async function openLesson(page, slug, query = '') {
  await visit(page, `#/lesson/${slug}${query}`);
  await page.waitForSelector('.lesson-body .prose', { timeout: 15_000 });
}

describe('a lesson end to end', () => {
  for (const { lang, locale, title, pick, verdict, progress } of [
    { lang: 'en', locale: 'en-US', title: /Sessions and ephemeral nodes/, pick: 'yes', verdict: '.quiz-right', progress: /2 of 2 done/ },
    { lang: 'zh', locale: 'zh-CN', title: /会话与临时节点/, pick: 'no', verdict: '.quiz-wrong', progress: /已完成 2 \/ 2/ },
  ]) {
    test(`sessions-ephemeral in ${lang}: prose, lab, quiz, step, progress after reload`, async () => {
      const page = await openPage(browser, { locale, reducedMotion: 'reduce' });
      await openLesson(page, 'sessions-ephemeral');
      assert.match(await text(page, 'h1'), title);
      assert.equal(await page.getAttribute('.page-lesson', 'lang'), lang === 'zh' ? 'zh-CN' : 'en');
      assert.ok((await page.locator('.prose').count()) >= 2, 'prose around the pieces');
      assert.match(await text(page, '.prose'), lang === 'zh' ? /会话/ : /session/i);

      // The lab plays its inline script on the core and shows the lab's cluster view.
      await page.click('#piece-1 .lab-run');
      await page.waitForSelector('#piece-1 .lab-states');
      assert.match(await text(page, '#piece-1 .lab-states'), /server \d: leader/);
      assert.match(await text(page, '#piece-1 .transcript'), /Created \/worker-1/);
      assert.ok((await page.locator('#piece-1 .piece-cluster svg').count()) >= 1, 'cluster drawn');
      assert.match(await page.getAttribute('#piece-1 .lab-open', 'href'), /^#\/lab\?key=zs1\./);
      // The embedded run is the lab's: Play/Pause, Step, and the timeline rewinds it; its share
      // link follows the run's moment.
      const first = await events(page, '#piece-1');
      const link0 = await page.getAttribute('#piece-1 .embedded-share', 'data-link');
      assert.ok(link0.startsWith(BASE_URL) && link0.includes('#/lab?key=zs1.'), link0);
      await page.click('#piece-1 [id$="lab-play"]');
      await page.waitForFunction((n) => Number(document.querySelector('#piece-1 [id$="lab-events"]').innerText) > n + 5, first);
      await page.click('#piece-1 [id$="lab-play"]');
      await page.waitForSelector('#piece-1 [id$="lab-play"][aria-pressed="false"]');
      const played = await events(page, '#piece-1');
      await page.click('#piece-1 [id$="lab-step"]');
      await page.waitForFunction((n) => Number(document.querySelector('#piece-1 [id$="lab-events"]').innerText) === n + 1, played);
      assert.notEqual(await page.getAttribute('#piece-1 .embedded-share', 'data-link'), link0);
      await page.locator('#piece-1 [id$="lab-timeline"]').fill(String(Math.floor(first / 2)));
      await page.waitForFunction((n) => Number(document.querySelector('#piece-1 [id$="lab-events"]').innerText) === n, Math.floor(first / 2));
      await page.waitForSelector('#piece-1 .rewound-note');
      if (lang === 'en') {
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE_URL).origin });
        await page.click('#piece-1 .lab-copy');
        await page.waitForSelector('#piece-1 [id$="lab-notice"]');
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        assert.equal(copied, await page.getAttribute('#piece-1 .embedded-share', 'data-link'));
      }
      // A server clicked in the embedded cluster opens the lab's inspector: crash it from there.
      await page.click('#piece-1 .piece-cluster .srv >> nth=0');
      await page.waitForSelector('#piece-1 .embedded-inspector [id$="lab-crash"]');
      await page.click('#piece-1 .embedded-inspector [id$="lab-crash"]');
      await page.waitForSelector('#piece-1 .lab-states .state-not-running');
      // Reset re-opens the lesson's script.
      await page.click('#piece-1 .lab-reset');
      await page.waitForFunction((n) => Number(document.querySelector('#piece-1 [id$="lab-events"]').innerText) === n, first);
      assert.equal(await page.locator('#piece-1 .lab-states .state-not-running').count(), 0);
      // A line typed into the lab's console runs on the same world.
      await page.fill('#piece-1 .lab-console input', 'admin> ls /');
      await page.press('#piece-1 .lab-console input', 'Enter');
      await page.waitForFunction(() => document.querySelector('#piece-1 .transcript').innerText.includes('[worker-1, zookeeper]'));

      // The quiz: predict, then the simulation answers (exists /worker-1 after 10 s: yes).
      assert.ok(await page.locator('#piece-2 .quiz-check').isDisabled(), 'no check before a prediction');
      await page.check(`#piece-2 input[value="${pick}"]`);
      await page.click('#piece-2 .quiz-check');
      await page.waitForSelector(`#piece-2 ${verdict}`);
      assert.match(await text(page, '#piece-2 .quiz-result'), /yes/);

      // The step waits for its event: not yet, then after its lines the session expires.
      await page.click('#piece-3 .step-check');
      await page.waitForTimeout(200);
      assert.equal(await page.locator('#piece-3 .step-ok').count(), 0, '/worker-1 is still there');
      assert.match(await text(page, '#piece-3 .step-until'), /\/worker-1 gone/);
      await page.click('#piece-3 .step-do-it');
      await page.waitForSelector('#piece-3 .step-ok');
      assert.match(await text(page, '#lesson-progress'), progress);
      await page.screenshot({ path: shotPath(`lesson-sessions-${lang}.png`), fullPage: true });

      // Progress survives a reload.
      await page.reload();
      await page.waitForSelector('.lesson-body .prose');
      assert.match(await text(page, '#lesson-progress'), progress);
      assert.equal(await page.locator('.piece-done').count(), 2);
      await done(page);
    });
  }

  test('an exercise is checked by running it; a deep link opens at its piece', async () => {
    const page = await openPage(browser, { locale: 'en-US', reducedMotion: 'reduce' });
    await openLesson(page, 'zkcli', '?step=3');
    await page.waitForFunction(() => window.scrollY > 200);
    // Every piece carries its own deep link.
    assert.equal(await page.getAttribute('#piece-3 .piece-link', 'href'), '#/lesson/zkcli?step=3');
    assert.equal(await page.getAttribute('#piece-1 .piece-link', 'href'), '#/lesson/zkcli?step=1');
    await page.fill('#piece-3 .exercise-text', 'create /app2 hello');
    await page.click('#piece-3 .exercise-check');
    await page.waitForSelector('#piece-3 .exercise-result.piece-error');
    await page.fill('#piece-3 .exercise-text', 'create /app2 hello\nset /app2 world\ncreate /app2/a\ncreate /app2/b');
    await page.click('#piece-3 .exercise-check');
    await page.waitForSelector('#piece-3 .exercise-result.piece-ok');
    assert.equal(await page.locator('#piece-3 .expect-ok').count(), 2);
    await done(page);
  });
});

describe('presenter mode', () => {
  test('keyboard alone: move through the parts, run the lab, QR code of its run', async () => {
    const page = await openPage(browser, { locale: 'en-US', viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    await visit(page, '#/lesson/election-runtime?present');
    await page.waitForSelector('.presenter');
    assert.match(await text(page, '#presenter-part'), /Part 1 of \d+/);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('.presenter-stage .piece-lab');
    assert.match(await text(page, '#presenter-part'), /Part 2 of/);
    // Focus the lab's Run button with Tab and press it with Enter.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('lab-run'))) break;
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('.presenter-stage .lab-states');
    await page.waitForSelector('.presenter-qr svg.qr');
    const link = await page.getAttribute('.presenter-qr', 'data-link');
    assert.ok(link.startsWith(BASE_URL) && link.includes('#/lab?key=zs1.'), link);
    assert.equal(link, await page.getAttribute('.presenter-stage .embedded-share', 'data-link'));
    assert.equal(await decodeQr(page, '.presenter-qr svg.qr'), link, 'the QR code decodes to the run\'s link');
    // Step the run by keyboard (Tab to Step, Enter): the QR code follows the run's moment.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id.endsWith('lab-step'))) break;
    }
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.waitForFunction((old) => document.querySelector('.presenter-qr').dataset.link !== old, link);
    const moved = await page.getAttribute('.presenter-qr', 'data-link');
    assert.equal(moved, await page.getAttribute('.presenter-stage .embedded-share', 'data-link'));
    assert.equal(await decodeQr(page, '.presenter-qr svg.qr'), moved);
    // The QR code's link opens that very moment in the full lab (a phone scanning it).
    const phone = await openPage(browser, { locale: 'en-US', viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
    await phone.goto(moved);
    await phone.waitForSelector('#lab-play');
    assert.equal(await text(phone, '#lab-hash'), await text(page, '.presenter-stage [id$="lab-hash"]'));
    await done(phone);
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: shotPath('lesson-presenter.png') });
    await page.keyboard.press(' ');
    await page.waitForSelector('.presenter-stage .piece-quiz');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('.presenter-stage .piece-lab');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.lesson-body');
    await done(page);
  });

  test('speaker notes open in a second window and follow ←/→/space', async () => {
    const page = await openPage(browser, { locale: 'zh-CN', viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    await visit(page, '#/lesson/zab-recovery?present');
    await page.waitForSelector('.presenter .present-prose');
    const [notes] = await Promise.all([page.waitForEvent('popup'), page.click('.presenter-notes')]);
    await notes.waitForFunction(() => document.body && document.body.innerText.trim().length > 20);
    assert.equal(await notes.title(), '讲稿');
    // The main screen now shows only live pieces; the prose is in the notes window.
    await page.waitForSelector('.presenter-stage .piece');
    assert.equal(await page.locator('.present-prose').count(), 0);
    const notesAt = () => notes.evaluate(() => document.body.innerText.trim());
    const first = await notesAt();
    assert.match(first, /[\u4e00-\u9fff]/, 'the notes are the lesson\'s zh prose');
    assert.match(await text(page, '#presenter-part'), /第 1 \/ \d+ 部分/);
    for (const key of ['ArrowRight', ' ']) {
      const before = await notesAt();
      const part = await text(page, '#presenter-part');
      await page.keyboard.press(key);
      await page.waitForFunction((p) => document.querySelector('#presenter-part').innerText !== p, part);
      await notes.waitForFunction((b) => document.body.innerText.trim() !== b, before);
      // The notes name the part the main screen shows.
      assert.equal(await notes.$eval('.part', (p) => p.innerText), await text(page, '#presenter-part'));
    }
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await notes.waitForFunction((f) => document.body.innerText.trim() === f, first);
    await page.screenshot({ path: shotPath('lesson-presenter-notes-main.png') });
    await notes.screenshot({ path: shotPath('lesson-presenter-notes-window.png') });
    await done(page);
  });
});

describe('every lesson page', () => {
  test('loads in both languages with zero console errors; screenshots of three', async () => {
    const page = await openPage(browser, { locale: 'en-US', reducedMotion: 'reduce' });
    await visit(page);
    await page.waitForSelector('.course-card');
    const slugs = await page.$$eval('.course-card', (cards) => cards.map((c) => c.dataset.slug));
    assert.ok(slugs.length >= 18, `${slugs.length} lessons`);
    await page.locator('#course').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('course-catalogue-en.png') });
    await page.context().close();
    assert.deepEqual(page.errors, []);
    for (const locale of ['en-US', 'zh-CN']) {
      const p = await openPage(browser, { locale, reducedMotion: 'reduce' });
      for (const slug of slugs) {
        await openLesson(p, slug);
        assert.ok((await p.locator('.piece').count()) >= 2, slug);
        // Every live piece works in the page: each lab runs, each quiz is answered by its
        // run, each step reaches its condition, each exercise passes with its solution.
        for (const piece of await p.$$eval('.piece:not(.piece-pending)', (els) => els.map((e) => `#${e.id}`))) {
          if (await p.locator(`${piece} .lab-run`).count()) {
            await p.click(`${piece} .lab-run`);
            // A compare lab embeds the comparison lab with its lanes and verdicts.
            await p.waitForSelector(`${piece} .embedded-run, ${piece} .piece-compare .compare-stage`);
            assert.equal(await p.locator(`${piece} .compare-error`).count(), 0, `${locale} ${slug} ${piece}`);
          } else if (await p.locator(`${piece} .quiz-check`).count()) {
            await p.locator(`${piece} .quiz-choice input`).first().check();
            await p.click(`${piece} .quiz-check`);
            await p.waitForSelector(`${piece} .quiz-result, ${piece} .piece-error`);
          } else if (await p.locator(`${piece} .step-do-it`).count()) {
            await p.click(`${piece} .step-do-it`);
            await p.waitForSelector(`${piece} .step-ok, ${piece} .piece-error`);
          } else if (await p.locator(`${piece} .exercise-check`).count()) {
            const solution = await p.$eval(`${piece} .exercise-solution code`, (c) => c.textContent);
            await p.fill(`${piece} .exercise-text`, solution);
            await p.click(`${piece} .exercise-check`);
            await p.waitForSelector(`${piece} .exercise-result.piece-ok, ${piece} .piece-error`);
          }
          assert.equal(await p.locator(`${piece} .piece-error`).count(), 0, `${locale} ${slug} ${piece}: ${await p.locator(piece).innerText()}`);
        }
        const tasks = await p.locator('.piece-quiz:not(.piece-pending), .piece-step:not(.piece-pending), .piece-exercise:not(.piece-pending)').count();
        assert.equal(await p.locator('.piece-done').count(), tasks, `${locale} ${slug}: every live task done`);
        // With every run open at once, each element id is still on the page once (each
        // embedded run and each sequence diagram names its own elements).
        const repeated = await p.$$eval('[id]', (els) => {
          const seen = new Map();
          for (const e of els) seen.set(e.id, (seen.get(e.id) || 0) + 1);
          return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
        });
        assert.deepEqual(repeated, [], `${locale} ${slug}: ids used twice`);
      }
      await done(p);
    }
  });

  test('screenshots: three lesson pages and presenter mode on a laptop, a projector and a phone', async () => {
    for (const [name, viewport] of [['1280x720', { width: 1280, height: 720 }], ['1920x1080', { width: 1920, height: 1080 }], ['390x844', { width: 390, height: 844 }]]) {
      for (const [slug, locale] of [['zab-broadcast', 'zh-CN'], ['watches', 'en-US'], ['election-runtime', 'zh-CN']]) {
        const page = await openPage(browser, { locale, viewport, reducedMotion: 'reduce' });
        await openLesson(page, slug);
        await page.click('#piece-1 .lab-run');
        await page.waitForSelector('#piece-1 .embedded-run');
        await page.locator('#piece-1').scrollIntoViewIfNeeded();
        await page.screenshot({ path: shotPath(`lesson-${slug}-${locale.slice(0, 2)}-${name}.png`) });
        if (slug === 'zab-broadcast') await page.screenshot({ path: shotPath(`lesson-${slug}-${locale.slice(0, 2)}-${name}-full.png`), fullPage: true });
        // Nothing wider than the window (a phone scrolls down, never sideways).
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${slug} at ${name} scrolls sideways`);
        await done(page);
      }
      const page = await openPage(browser, { locale: 'zh-CN', viewport, reducedMotion: 'reduce' });
      await visit(page, '#/lesson/election-runtime?present&step=1');
      await page.waitForSelector('.presenter-stage .lab-run');
      await page.click('.presenter-stage .lab-run');
      await page.waitForSelector('.presenter-qr svg.qr');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: shotPath(`lesson-presenter-${name}.png`) });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `presenter at ${name} scrolls sideways`);
      await done(page);
    }
  });

  test('search finds a lesson section; the glossary lists both languages', async () => {
    const page = await openPage(browser, { locale: 'zh-CN', reducedMotion: 'reduce' });
    await visit(page);
    await page.fill('#course-search', 'epoch');
    await page.waitForSelector('#search-results .search-hit');
    await page.click('#search-results .search-hit a');
    await page.waitForSelector('.lesson-body .prose');
    await visit(page, '#/glossary');
    await page.waitForSelector('.glossary-table tbody tr');
    assert.ok((await page.locator('.glossary-table tbody tr').count()) > 50);
    // Each term in both languages: English and Chinese columns side by side.
    const row = await page.$eval('#term-leader', (tr) => [...tr.cells].map((c) => c.innerText));
    assert.equal(row[0], 'leader');
    assert.equal(row[1], '领导者');
    await page.fill('.glossary-filter input', '观察者');
    await page.waitForFunction(() => document.querySelectorAll('.glossary-table tbody tr').length < 5);
    assert.match(await text(page, '.glossary-table tbody'), /observer/i);
    await done(page);
  });

  test('a lesson prints as a summary: prose, scripts and questions, no controls', async () => {
    const page = await openPage(browser, { locale: 'en-US', reducedMotion: 'reduce' });
    await openLesson(page, 'zab-broadcast');
    await page.click('#piece-1 .lab-run');
    await page.waitForSelector('#piece-1 .embedded-run');
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.site-header', '.lesson-tools', '.lesson-nav', '.piece-actions', '#piece-1 .lab-controls', '#piece-1 .piece-cluster']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
    }
    for (const shown of ['h1', '.prose', '#piece-1 .lab-script pre', '.quiz-question']) {
      assert.ok(await page.locator(shown).first().isVisible(), `${shown} is printed`);
    }
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, 'a PDF of the lesson');
    await done(page);
  });
});
