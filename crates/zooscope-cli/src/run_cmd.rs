//! `zooscope run FILE [--seed N]`: run a scenario script against a simulated ensemble.
//!
//! Each script line is echoed as `> LINE` before its output; the last line is the run's
//! trace hash, so two runs of the same file and seed can be compared by their last line.
//! Failed `expect` lines are printed where they fail and make the exit status non-zero.

use zooscope_core::scenario;

const USAGE: &str = "usage: zooscope run FILE [--seed N]";

/// Run the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut file: Option<&String> = None;
    let mut seed = 1u64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| format!("--seed needs a number\n{USAGE}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if file.is_none() && !a.starts_with('-') => file = Some(a),
            other => return Err(format!("unexpected argument '{other}'\n{USAGE}")),
        }
    }
    let file = file.ok_or_else(|| USAGE.to_string())?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let script = scenario::parse(&text).map_err(|e| format!("{file}: {e}"))?;
    let mut runner = scenario::Runner::new(seed);
    for (line, text, step) in &script.steps {
        println!("> {text}");
        match runner.run_step(*line, step) {
            Ok(out) => {
                for l in out {
                    println!("{l}");
                }
            }
            Err(e) => return Err(format!("{file}: {e}")),
        }
    }
    let hash = runner.world().map_or(0, |w| w.trace_hash());
    println!("trace hash: {hash:016x}");
    if runner.failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} expectation(s) failed: {}",
            runner.failures.len(),
            runner
                .failures
                .iter()
                .map(|(l, m)| format!("line {l}: {m}"))
                .collect::<Vec<_>>()
                .join("; ")
        ))
    }
}
