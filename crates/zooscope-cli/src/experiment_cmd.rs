//! `zooscope experiment NAME [--seeds N] [--from S] [--servers 3,5,7] [--clients 2,5,10]
//! [--observers 0,2] [--tick 2000] [--finalize 200] [--reads 0,80] [--net lab|loopback]
//! [--csv FILE] [--svg FILE]`: run a seeded experiment of the core and print its result table as CSV
//! on stdout (first line the column names); optionally write the CSV to a file and the
//! chart as SVG. A progress bar goes to stderr when stderr is a terminal.

use crate::chart_svg;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::str::FromStr;
use zooscope_core::experiment::network::Network;
use zooscope_core::experiment::{Name, Params, Runner};

const USAGE: &str = "usage: zooscope experiment NAME [--seeds N] [--from S] [--servers 3,5,7] \
[--clients 2,5,10] [--observers 0,2] [--tick MS,..] [--finalize MS,..] [--reads PCT,..] \
[--net lab|loopback] [--csv FILE] [--svg FILE]
experiments: election-time, write-throughput, availability, lock-wakeups";

fn list<T: FromStr>(flag: &str, v: Option<&String>) -> Result<Vec<T>, String> {
    let v = v.ok_or_else(|| format!("{flag} needs a comma-separated list\n{USAGE}"))?;
    v.split(',')
        .map(|s| s.trim().parse::<T>())
        .collect::<Result<Vec<T>, _>>()
        .map_err(|_| format!("{flag} takes numbers separated by commas, not '{v}'\n{USAGE}"))
}

fn number<T: FromStr>(flag: &str, v: Option<&String>) -> Result<T, String> {
    v.and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("{flag} needs a number\n{USAGE}"))
}

/// Run the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let Some((name, rest)) = args.split_first() else {
        return Err(format!("experiment needs a NAME\n{USAGE}"));
    };
    if name == "-h" || name == "--help" {
        println!("{USAGE}");
        return Ok(());
    }
    let name = Name::parse(name).ok_or_else(|| format!("unknown experiment '{name}'\n{USAGE}"))?;
    let mut params: Params = name.defaults();
    let mut csv_file = None;
    let mut svg_file = None;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seeds" => params.seeds = number(a, it.next())?,
            "--from" => params.from = number(a, it.next())?,
            "--servers" => params.servers = list(a, it.next())?,
            "--clients" => params.clients = list(a, it.next())?,
            "--observers" => params.observers = list(a, it.next())?,
            "--tick" => params.tick_ms = list(a, it.next())?,
            "--finalize" => params.finalize_ms = list(a, it.next())?,
            "--reads" => params.reads_percent = list(a, it.next())?,
            "--net" => {
                params.network = it
                    .next()
                    .and_then(|v| Network::parse(v))
                    .ok_or_else(|| format!("--net takes lab or loopback\n{USAGE}"))?
            }
            "--csv" => csv_file = Some(it.next().ok_or("--csv needs a FILE")?.clone()),
            "--svg" => svg_file = Some(it.next().ok_or("--svg needs a FILE")?.clone()),
            other => return Err(format!("unknown experiment option '{other}'\n{USAGE}")),
        }
    }
    let mut runner = Runner::new(name, params).map_err(|e| e.to_string())?;
    let bar = ProgressBar::new(runner.total() as u64);
    if std::io::stderr().is_terminal() {
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} runs, {eta} left")
                .map_err(|e| e.to_string())?,
        );
        bar.set_message(name.as_str());
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    while let Some(step) = runner.step() {
        step.map_err(|e| e.to_string())?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    let csv = runner.rows().table().to_csv();
    print!("{csv}");
    if let Some(f) = csv_file {
        std::fs::write(&f, &csv).map_err(|e| format!("cannot write {f}: {e}"))?;
    }
    if let Some(f) = svg_file {
        let svg = chart_svg::render(&runner.rows().chart(), name);
        std::fs::write(&f, svg).map_err(|e| format!("cannot write {f}: {e}"))?;
    }
    Ok(())
}
