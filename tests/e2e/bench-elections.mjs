// How long 1,000 seeded 5-server cold-start elections take in the browser: the app's
// own wasm module (dist/, served by bench.sh) runs `zooscope_bench_elections`
// (src/experiments/bench.rs), the same core function as `zooscope bench-elections`.
// One warm-up run of a tenth, then three measured runs; prints the median (goal ≤ 1 s).
import { launch, openPage, visit, wasmReady } from './helpers.mjs';

const count = Number(process.argv[2] ?? 1000);
const servers = Number(process.argv[3] ?? 5);
const browser = await launch();
try {
  const page = await openPage(browser, { locale: 'en-US' });
  await visit(page, '?lang=en#/experiments');
  await wasmReady(page);
  const run = (n) => page.evaluate(([n, s]) => window.wasmBindings.zooscope_bench_elections(n, s), [n, servers]);
  await run(Math.max(1, Math.round(count / 10)));
  const times = [];
  for (let i = 0; i < 3; i += 1) times.push(await run(count));
  if (times.some((t) => t < 0)) throw new Error(`an election did not finish: ${times}`);
  times.sort((a, b) => a - b);
  const ms = times[1];
  console.log(`elections: ${count} seeded ${servers}-server cold starts in the browser in ${ms.toFixed(0)} ms (${(count / (ms / 1000)).toFixed(0)} elections/s; goal ≤ 1000 ms)`);
} finally {
  await browser.close();
}
