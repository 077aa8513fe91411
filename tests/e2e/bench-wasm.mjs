// In-browser kernel benchmark and bundle size. Prints figures; asserts nothing.
//
//   node bench-wasm.mjs <dist-dir> [events]     (ZOOSCOPE_URL must point at dist/ served)
//
// Runs the core's ping-pong benchmark workload (`pingpong::bench_world`, the same one the
// native benchmark runs) inside the release wasm through the exported `bench_pingpong`,
// which times itself with performance.now(). One warm-up run (a tenth), then five measured
// runs of 2,000,000 events each: the same workload and run length as `zooscope bench`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, openPage, visit, wasmReady } from './helpers.mjs';

const dist = process.argv[2] ?? '../../dist';
const events = Number(process.argv[3] ?? 2000000); // the native benchmark's run length
if (!Number.isInteger(events) || events <= 0 || events > 4_000_000_000) {
  console.error(`bad event count: ${process.argv[3]}`);
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
console.log(`bundle  total wasm+js${' '.repeat(30)}${(rawTotal / 1024).toFixed(1).padStart(8)} KiB raw ${(gzTotal / 1024).toFixed(1).padStart(8)} KiB gzip -9 (budget 400 KiB)`);

const browser = await launch();
try {
  const page = await openPage(browser, { locale: 'en-US' });
  await visit(page, '#/404-bench'); // a light page: no animation, no demo running
  await wasmReady(page);
  const rates = await page.evaluate((n) => {
    const b = window.wasmBindings;
    b.bench_pingpong(Math.max(1, Math.floor(n / 10))); // warm-up, as the native benchmark does
    const out = [];
    for (let i = 0; i < 5; i++) out.push(b.bench_pingpong(n));
    return out;
  }, events);
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted[2];
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  console.log(`wasm    pingpong bench_world, ${fmt(events)} events x 5 runs: median ${fmt(median)} events/s (min ${fmt(sorted[0])}, max ${fmt(sorted[4])})`);
  if (page.errors.length) console.log(`page errors: ${page.errors.join('; ')}`);
} finally {
  await browser.close();
}
