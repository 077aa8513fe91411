// The course in the browser: a lesson walked end to end in each language, presenter mode by
// keyboard alone, and every lesson page in both languages loading with zero console errors.
// Run via ./run.sh (the bundle's dist/lessons/ is written by Trunk's pre-build hook).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
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
    await page.screenshot({ path: shotPath('lesson-presenter.png') });
    await page.keyboard.press(' ');
    await page.waitForSelector('.presenter-stage .piece-quiz');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('.presenter-stage .piece-lab');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.lesson-body');
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
        if (locale === 'zh-CN' && ['zab-broadcast', 'two-phase-commit'].includes(slug)) {
          await p.click('#piece-1 .lab-run').catch(() => {});
          await p.waitForTimeout(300);
          await p.screenshot({ path: shotPath(`lesson-${slug}-zh.png`), fullPage: true });
        }
      }
      await done(p);
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
    await done(page);
  });
});
