//! `zooscope compare FILE [--seed N] [--csv OUT]`: run a comparison script against 2PC,
//! 3PC, Paxos and ZAB at once (docs/compare-language.md).
//!
//! Each line is echoed as `> LINE` and followed by its output; `verdict` prints
//! `LANE: VERDICT` and `  node K: OUTCOME` lines; the last line is `trace hash: <hex>`.
//! FILE may also be `preset:ID` for one of the built-in presets. `--csv OUT` writes the
//! lanes' counters (messages, round trips, time to decision) as CSV.

use std::io::Write;
use zooscope_core::compare::{self, counters, presets};

const USAGE: &str = "usage: zooscope compare FILE|preset:ID [--seed N] [--csv OUT]";

/// Run the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut file: Option<&String> = None;
    let mut seed = 1u64;
    let mut csv: Option<&String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| format!("--seed needs a number\n{USAGE}"))?;
            }
            "--csv" => {
                csv = Some(
                    it.next()
                        .ok_or_else(|| format!("--csv needs a file\n{USAGE}"))?,
                )
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
    let text = match file.strip_prefix("preset:") {
        Some(id) => {
            let names: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
            presets::preset(id)
                .ok_or_else(|| format!("no preset '{id}' (presets: {})", names.join(", ")))?
                .script
                .to_string()
        }
        None => std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?,
    };
    let report = compare::run_text(&text, seed).map_err(|e| format!("{file}: {e}"))?;
    let mut out = std::io::stdout().lock();
    for l in &report.lines {
        writeln!(out, "{l}").map_err(|e| format!("stdout: {e}"))?;
    }
    if let Some(out) = csv {
        std::fs::write(out, counters::to_csv(&report.counters))
            .map_err(|e| format!("{out}: {e}"))?;
    }
    Ok(())
}
