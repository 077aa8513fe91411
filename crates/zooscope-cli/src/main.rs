//! `zooscope`: the native, headless ZooScope runner. It runs the very same core as the
//! browser: scenarios, zkCli sessions, seed sweeps and benchmarks.
//!
//! Each subcommand lives in its own module; `main` only dispatches.

mod bench_elections;
mod bench_kernel;
mod bench_zk;
mod bridge_cmd;
mod chart_svg;
mod compare_cmd;
mod compare_fuzz_cmd;
mod experiment_cmd;
mod fuzz_cmd;
mod lessons_cmd;
mod run_cmd;
mod zkcli_cmd;

use std::process::ExitCode;

const USAGE: &str = "usage: zooscope <command> [options]

commands:
  bench            kernel benchmark: events per second on the ping-pong workload
  bench-elections  N seeded cold-start elections (--count 1000 --servers 5): time, per second
  bench-zk         ZooKeeper benchmark: simulated writes per second, election costs
  bridge           live mode: poll a real ensemble, serve snapshots (--zk HOST:PORT,...)
  compare          run a comparison script on 2PC, 3PC, Paxos and ZAB (FILE [--seed N])
  compare-fuzz     random fault scripts on one comparison lane (--lane L --seeds N --from S)
  experiment       seeded experiments as CSV (and SVG): election-time, write-throughput,
                   availability (NAME [--seeds N] [--from S] [--servers 3,5,7] ...)
  fuzz             random fault schedules with every invariant checked (--seeds N --from S)
  lessons          the course: list, check (runs every lesson piece), build --out DIR
  run              run a scenario script (FILE [--seed N])
  zkcli            zkCli.sh against a simulated server, commands on stdin
  help             this text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = rest.to_vec();
    let result: Result<(), String> = match command.as_str() {
        "bench" => bench_kernel::run(&rest),
        "bench-elections" => bench_elections::run(&rest),
        "bench-zk" => bench_zk::run(&rest),
        "bridge" => bridge_cmd::run(&rest),
        "compare" => compare_cmd::run(&rest),
        "compare-fuzz" => compare_fuzz_cmd::run(&rest),
        "experiment" => experiment_cmd::run(&rest),
        "fuzz" => fuzz_cmd::run(&rest),
        "lessons" => lessons_cmd::run(&rest),
        "run" => run_cmd::run(&rest),
        "zkcli" => zkcli_cmd::run(&rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command '{other}'\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("zooscope: {message}");
            ExitCode::from(2)
        }
    }
}
