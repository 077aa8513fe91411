//! `zooscope bench`: how many kernel events per wall-second the core processes natively
//! on the ping-pong workload (2-node ring, 8 balls, FIFO streams, trace kept, no
//! invariants), median of five runs. Prints figures; asserts nothing. The same workload runs in wasm through
//! the web app's `bench_pingpong` export, so the two numbers can be compared.

use std::time::Instant;
use zooscope_core::protocols::pingpong;

/// Events per measured run unless `--events N` is given.
const EVENTS_DEFAULT: u64 = 2_000_000;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut events = EVENTS_DEFAULT;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--events" => {
                events = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|&n| n > 0 && n <= 1_000_000_000)
                    .ok_or("--events takes a whole number from 1 to 1000000000")?;
            }
            other => return Err(format!("bench: unknown option '{other}'")),
        }
    }
    // Warm up once, then report the median of five runs, as the wasm benchmark does.
    measure(events / 10);
    let mut rates = Vec::with_capacity(5);
    let mut hash = 0;
    for _ in 0..5 {
        let (rate, h) = measure(events);
        rates.push(rate);
        hash = h;
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[2];
    println!("kernel benchmark: ping-pong, 2 nodes, 8 balls, stream transport");
    println!("events per run: {events}");
    println!("trace hash: {hash:016x}");
    println!("runs (events/s): min {:.0}, max {:.0}", rates[0], rates[4]);
    println!("native kernel events/s: {median:.0}");
    Ok(())
}

fn measure(events: u64) -> (f64, u64) {
    let mut world = pingpong::bench_world();
    let start = Instant::now();
    let done = world.run_steps(events);
    let secs = start.elapsed().as_secs_f64();
    (done as f64 / secs.max(1e-9), world.trace_hash())
}
