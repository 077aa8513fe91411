// End-to-end tests of the release bundle in headless Chromium. Run via ./run.sh.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, visit, wasmReady, shotPath, text } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Close the page's context; fail if the page logged errors (unless allowed). */
async function done(page, { allowErrors = false } = {}) {
  const errors = page.errors;
  await page.context().close();
  if (!allowErrors) assert.deepEqual(errors, [], 'the page logged errors');
}

const HERO_ZH = '看清 ZooKeeper 集群如何达成一致';
const HERO_EN = 'See how a ZooKeeper ensemble agrees';

describe('home page', () => {
  test('loads in Chinese for a zh-CN browser with zero console errors', async () => {
    const page = await openPage(browser, { locale: 'zh-CN' });
    await visit(page);
    assert.match(await text(page, '.hero-title'), new RegExp(HERO_ZH));
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    // The course catalogue, with the learner's progress; no card promises a lesson to come.
    await page.waitForSelector('.course-card');
    assert.ok((await page.locator('.course-card').count()) >= 18);
    assert.equal(await page.locator('.course-card .course-progress').count(), await page.locator('.course-card').count());
    assert.equal(await page.locator('.lesson-card, .badge-muted').count(), 0);
    assert.doesNotMatch(await text(page, '.home'), /即将推出|正在编写|准备中/);
    assert.equal(await page.locator('.topic').count(), 5);
    assert.equal(await page.locator('.ensemble-svg .server').count(), 3);
    assert.match(await page.title(), /ZooScope/);
    assert.match(await text(page, '.hero .btn-primary'), /开始学习课程/);
    assert.match(await text(page, '.hero .cta-lab'), /打开选举实验室/);
    // Give late errors (wasm start, animations) a moment to surface.
    await page.waitForTimeout(500);
    await done(page);
  });

  test('loads in English for an en-US browser', async () => {
    const page = await openPage(browser, { locale: 'en-US' });
    await visit(page);
    assert.match(await text(page, '.hero-title'), new RegExp(HERO_EN));
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await text(page, '.hero .btn-primary'), /Start the course/);
    assert.match(await text(page, '.hero .cta-lab'), /Open the election lab/);
    assert.doesNotMatch(await text(page, '.home'), /coming|being written|in preparation/i);
    await done(page);
  });

  test('screenshots of the home page in both languages', async () => {
    for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-US']]) {
      const page = await openPage(browser, { locale, reducedMotion: 'reduce' });
      await visit(page);
      await page.screenshot({ path: shotPath(`home-${lang}.png`), fullPage: true });
      await page.screenshot({ path: shotPath(`home-${lang}-top.png`) });
      await done(page);
    }
    const phone = await openPage(browser, { locale: 'zh-CN', viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
    await visit(phone);
    await phone.screenshot({ path: shotPath('home-zh-phone.png'), fullPage: true });
    await done(phone);
  });
});

describe('language', () => {
  test('the toggle switches zh ↔ en and the choice survives a reload', async () => {
    const page = await openPage(browser, { locale: 'zh-CN' });
    await visit(page);
    assert.match(await text(page, '.hero-title'), new RegExp(HERO_ZH));
    assert.equal((await text(page, '#lang-toggle')).trim(), 'EN');

    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await text(page, '.hero-title'), new RegExp(HERO_EN));
    assert.match(await text(page, '.site-nav'), /Home[\s\S]*Lab[\s\S]*Compare/);
    assert.equal(await page.evaluate(() => localStorage.getItem('zooscope.lang')), 'en');

    await page.reload();
    await page.waitForSelector('.site-header');
    assert.match(await text(page, '.hero-title'), new RegExp(HERO_EN), 'English after reload');

    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.reload();
    await page.waitForSelector('.site-header');
    assert.match(await text(page, '.hero-title'), new RegExp(HERO_ZH), 'Chinese after reload');
    await done(page);
  });

  test('?lang=en wins over a Chinese browser and a saved choice', async () => {
    const page = await openPage(browser, { locale: 'zh-CN' });
    await visit(page);
    await page.evaluate(() => localStorage.setItem('zooscope.lang', 'zh'));
    await visit(page, '?lang=en');
    assert.match(await text(page, '.hero-title'), new RegExp(HERO_EN));
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    // Inside the hash route too.
    await visit(page, '?#/lab?lang=en');
    assert.match(await text(page, 'h1'), /Election lab/);
    await done(page);
  });

  test('toggling drops ?lang= from the address so a reload keeps the new choice', async () => {
    const page = await openPage(browser, { locale: 'en-US' });
    await visit(page, '?lang=en#/compare');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.ok(!page.url().includes('lang='), `url still has lang: ${page.url()}`);
    assert.ok(page.url().endsWith('#/compare'), page.url());
    await page.reload();
    await page.waitForSelector('.site-header');
    assert.match(await text(page, 'h1'), /2PC、3PC、Paxos 与 ZAB/);
    await done(page);
  });
});

describe('routes', () => {
  test('#/lab, #/compare, a lesson and an unknown page render', async () => {
    const page = await openPage(browser, { locale: 'en-US' });
    await visit(page, '#/lab');
    assert.match(await text(page, 'h1'), /Election lab/);
    assert.equal(await page.locator('#lab-play').count(), 1);
    assert.match(await text(page, '#lab-scenario'), /none/);

    await visit(page, '#/lab?scenario=lock');
    assert.equal((await text(page, '#lab-scenario')).trim(), 'lock');
    assert.match(await text(page, '.scenario-line'), /A fair distributed lock/);

    await visit(page, '#/compare');
    assert.match(await text(page, 'h1'), /2PC vs 3PC vs Paxos/);
    await page.click('#tab-summary');
    assert.equal(await page.locator('.compare-table tbody tr').count(), 6);

    // An old lesson address leads to the course lesson that teaches it now.
    await visit(page, '#/lesson/partitions');
    await page.waitForSelector('.lesson-body .prose');
    assert.ok(page.url().endsWith('#/lesson/why-coordination'), page.url());
    assert.match(await text(page, 'h1'), /Why systems need coordination/);

    await visit(page, '#/lesson/no-such-lesson');
    assert.match(await text(page, 'h1'), /No such lesson/);

    await visit(page, '#/definitely/not/here');
    assert.match(await text(page, 'h1'), /Page not found/);
    await done(page);
  });

  test('header links and catalogue cards navigate', async () => {
    const page = await openPage(browser, { locale: 'zh-CN' });
    await visit(page);
    await page.click('.site-nav >> text=协议对比');
    await page.waitForSelector('.compare-lane');
    assert.ok(page.url().endsWith('#/compare'), page.url());
    assert.match(await page.getAttribute('.site-nav .nav-link.active', 'href'), /#\/compare$/);

    await page.click('.site-nav >> text=首页');
    await page.click('.hero .btn-primary');
    await page.waitForFunction(() => document.querySelector('#course').getBoundingClientRect().top < 200);
    await page.click('.course-card[data-slug="locks"] .lesson-title a');
    await page.waitForSelector('.lesson-body .prose');
    assert.ok(page.url().endsWith('#/lesson/locks'), page.url());
    // An address of the old scenario catalogue leads to the lesson that teaches it now.
    await visit(page, '#/lesson/distributed-lock');
    await page.waitForSelector('.lesson-body .prose');
    assert.ok(page.url().endsWith('#/lesson/locks'), page.url());

    await visit(page);
    await page.click('.hero .cta-lab');
    await page.waitForSelector('#lab-play');
    assert.equal((await text(page, '#lab-scenario')).trim(), 'election');
    await done(page);
  });
});

describe('compare page', () => {
  /** Move the timeline to `step` (or its end). */
  async function seek(page, step) {
    await page.$eval('#lab-timeline', (el, s) => {
      el.value = String(s === 'end' ? el.max : s);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, step);
  }

  test('the compare page screenshot', async () => {
    const page = await openPage(browser, { locale: 'zh-CN' });
    await visit(page, '#/compare');
    await page.click('#tab-summary');
    // An aspect column and one column per protocol; no leftover kernel widget.
    assert.equal(await page.locator('.compare-table thead th').count(), 4);
    assert.ok((await page.locator('.compare-table tbody tr').count()) >= 5);
    assert.equal(await page.locator('#demo-play').count(), 0);
    await page.screenshot({ path: shotPath('compare-zh.png') });
    await done(page);
  });

  test('the 3PC partition preset splits 3PC only, in both languages', async () => {
    const want = {
      en: ['2PC verdict: committed x=1', '3PC verdict: inconsistent',
        'Paxos verdict: committed x=1', 'ZAB verdict: committed x=1'],
      zh: ['2PC 的结论：已提交 x=1', '3PC 的结论：不一致',
        'Paxos 的结论：已提交 x=1', 'ZAB 的结论：已提交 x=1'],
    };
    for (const lang of ['en', 'zh']) {
      const page = await openPage(browser, { locale: lang === 'en' ? 'en-US' : 'zh-CN' });
      await visit(page, `?lang=${lang}#/compare`);
      await page.selectOption('.compare-preset', '2');
      await page.waitForSelector('.compare-lane [role=status]');
      await seek(page, 'end');
      const names = await page.locator('.compare-lane [role=status]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      assert.deepEqual(names, want[lang]);
      for (const name of want[lang]) {
        assert.equal(await page.getByRole('status', { name }).count(), 1, name);
      }
      assert.equal(await page.locator('.compare-broken').count(), 1);
      assert.match(await text(page, '.compare-broken'), lang === 'en' ? /atomicity/ : /atomicity/);
      await done(page);
    }
  });

  test('step, rewind and the share link restore the same moment', async () => {
    const page = await openPage(browser, { locale: 'en-US' });
    await visit(page, '?lang=en#/compare?p=3pc-partition');
    await page.waitForSelector('#lab-step');
    for (let i = 0; i < 25; i++) await page.click('#lab-step');
    assert.equal((await text(page, '#lab-events')).trim(), '25');
    const hash = (await text(page, '#lab-hash')).trim();
    const names = await page.locator('.compare-lane [role=status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    await seek(page, 'end');
    assert.notEqual((await text(page, '#lab-hash')).trim(), hash);
    await seek(page, 25);
    assert.equal((await text(page, '#lab-hash')).trim(), hash);
    await page.click('.compare-share');
    const link = await page.inputValue('.compare-link');
    assert.match(link, /#\/compare\?s=.*&seed=1&step=25$/);
    const other = await openPage(browser, { locale: 'en-US' });
    await other.goto(link);
    await other.waitForSelector('#lab-hash');
    assert.equal((await text(other, '#lab-events')).trim(), '25');
    assert.equal((await text(other, '#lab-hash')).trim(), hash);
    assert.deepEqual(await other.locator('.compare-lane [role=status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))), names);
    // Keyboard: → steps, Space plays.
    await other.keyboard.press('ArrowRight');
    assert.equal((await text(other, '#lab-events')).trim(), '26');
    await done(other);
    await done(page);
  });

  test('the four lanes during the 3PC partition, at 1280×720 and in projector mode', async () => {
    for (const present of [false, true]) {
      const page = await openPage(browser, { locale: 'en-US', viewport: { width: 1280, height: 720 } });
      await visit(page, `?lang=en#/compare?p=3pc-partition&step=${process.env.ZOOSCOPE_CMP_STEP || 44}${present ? '&present' : ''}`);
      await page.waitForSelector('.compare-lane canvas');
      await page.waitForTimeout(300);
      assert.equal(await page.locator('.compare-lane').count(), 4);
      // Every lane's card is inside the window.
      const boxes = await page.locator('.compare-lane').evaluateAll((els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom];
      }));
      for (const [l, t, r, b] of boxes) {
        assert.ok(l >= 0 && t >= 0 && r <= 1280 && b <= 720, `lane box ${[l, t, r, b]}`);
      }
      await page.screenshot({ path: shotPath(`compare-3pc-partition${present ? '-projector' : ''}.png`) });
      await done(page);
    }
  });
});

describe('panic overlay', () => {
  test('a Rust panic shows the bilingual overlay with message, key and reload', async () => {
    const page = await openPage(browser, { locale: 'zh-CN' });
    // A lab run publishes its reproduction key for the overlay.
    await visit(page, '#/lab');
    await wasmReady(page);
    await page.click('#lab-play');
    await page.waitForFunction(() => Number(document.querySelector('#lab-events').textContent) > 5, null, { timeout: 10_000 });
    // The call traps (panic = "abort"), so evaluate rejects; the overlay must appear anyway.
    await page.evaluate(() => window.wasmBindings.zooscope_test_panic()).catch(() => {});
    await page.waitForSelector('#zs-panic', { timeout: 5_000 });
    const overlay = await text(page, '#zs-panic');
    assert.match(overlay, /页面出错了/);
    assert.match(overlay, /Something went wrong/);
    assert.match(await text(page, '#zs-panic-message-field'), /deliberate test panic/);
    const key = await page.inputValue('#zs-panic-key-field');
    assert.match(key, /^zs1\.[A-Za-z0-9_-]+$/, `key: ${key}`);
    await page.screenshot({ path: shotPath('panic-overlay.png') });

    await Promise.all([page.waitForEvent('load'), page.click('.zs-panic-reload')]);
    await page.waitForSelector('.site-header');
    assert.equal(await page.locator('#zs-panic').count(), 0);
    await done(page, { allowErrors: true });
  });

  test('without a lab run the key field says none', async () => {
    const page = await openPage(browser, { locale: 'en-US' });
    await visit(page);
    await wasmReady(page);
    await page.evaluate(() => window.wasmBindings.zooscope_test_panic()).catch(() => {});
    await page.waitForSelector('#zs-panic');
    assert.equal(await page.inputValue('#zs-panic-key-field'), 'none · 无');
    assert.match(await text(page, '.zs-panic-title'), /^Something went wrong · 页面出错了$/);
    await done(page, { allowErrors: true });
  });
});
