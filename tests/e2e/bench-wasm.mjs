// In-browser kernel benchmark and bundle size. Prints figures; asserts nothing.
//
//   node bench-wasm.mjs <dist-dir> <bench-dir> [events]
//
// <dist-dir> is the app's release bundle: its wasm + js are weighed (gzip -9).
// <bench-dir> holds the benchmark's own wasm module (crates/zooscope-wasm-bench, built by
// tests/e2e/lib.sh `e2e_build_bench`) in two builds, each with a page that loads it:
// `release/` (the native benchmark's profile, opt-level 3: the like-for-like comparison)
// and `web/` (the app bundle's profile, opt-level "z" throughout:
// the kernel as learners run it).
// This script serves them on 127.0.0.1 and runs the core's ping-pong workload
// (`pingpong::bench_world`, the one the native benchmark runs) through `bench_pingpong`,
// which times itself with performance.now(). One warm-up run (a tenth), then five measured
// runs of 2,000,000 events each: the same workload and run length as `zooscope bench`.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './helpers.mjs';

const dist = process.argv[2] ?? '../../dist';
const benchDir = process.argv[3] ?? '../../target/wasm-bench';
const events = Number(process.argv[4] ?? 2000000); // the native benchmark's run length
if (!Number.isInteger(events) || events <= 0 || events > 4_000_000_000) {
  console.error(`bad event count: ${process.argv[4]}`);
  process.exit(2);
}

function gzipSize(path) {
  return execFileSync('gzip', ['-9', '-c', path], { maxBuffer: 64 << 20 }).length;
}

const files = readdirSync(dist).filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
let rawTotal = 0;
let gzTotal = 0;
for (const f of files.sort()) {
  const path = join(dist, f);
  const raw = readFileSync(path).length;
  const gz = gzipSize(path);
  rawTotal += raw;
  gzTotal += gz;
  console.log(`bundle  ${f.padEnd(44)} ${(raw / 1024).toFixed(1).padStart(8)} KiB raw ${(gz / 1024).toFixed(1).padStart(8)} KiB gzip -9`);
}
console.log(`bundle  total wasm+js${' '.repeat(30)}${(rawTotal / 1024).toFixed(1).padStart(8)} KiB raw ${(gzTotal / 1024).toFixed(1).padStart(8)} KiB gzip -9 (budget 640 KiB)`);

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  let name = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
  if (name === '' || name.endsWith('/')) name += 'index.html';
  if (name.includes('..') || !MIME[extname(name)]) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = readFileSync(join(benchDir, name));
    res.writeHead(200, { 'content-type': MIME[extname(name)] }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});
const BUILDS = [
  ['release', 'opt-level 3, the native benchmark\'s profile'],
  ['web', 'the app bundle\'s profile: opt-level z, the core included'],
];
try {
  for (const [profile, what] of BUILDS) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/${profile}/`);
    await page.waitForFunction(() => document.title === 'ready', null, { timeout: 30_000 });
    const rates = await page.evaluate((n) => {
      const b = window.bench;
      b.bench_pingpong(Math.max(1, Math.floor(n / 10))); // warm-up, as the native benchmark does
      const out = [];
      for (let i = 0; i < 5; i++) out.push(b.bench_pingpong(n));
      return out;
    }, events);
    const sorted = [...rates].sort((a, b) => a - b);
    const median = sorted[2];
    const fmt = (x) => Math.round(x).toLocaleString('en-US');
    console.log(`wasm    pingpong bench_world [${profile}: ${what}], ${fmt(events)} events x 5 runs: median ${fmt(median)} events/s (min ${fmt(sorted[0])}, max ${fmt(sorted[4])})`);
    if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
