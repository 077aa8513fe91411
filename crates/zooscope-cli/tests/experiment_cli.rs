//! `zooscope experiment`: CSV on stdout, identical for the same seeds, SVG on request,
//! and clear errors for bad options.

use std::process::Command;

fn zooscope(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zooscope"))
        .args(args)
        .output()
        .expect("zooscope runs")
}

#[test]
fn the_same_seeds_print_the_same_csv() {
    let args = [
        "experiment",
        "election-time",
        "--seeds",
        "3",
        "--from",
        "7",
        "--servers",
        "3,5",
        "--observers",
        "0,2",
    ];
    let a = zooscope(&args);
    let b = zooscope(&args);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    let text = String::from_utf8(a.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("servers,observers,tick_ms,finalize_ms,network,seed,phase,quorum_ms,all_ms,messages,notifications")
    );
    // 2 sizes × 2 observer counts × 3 seeds × (cold, crash).
    assert_eq!(lines.count(), 24);
    // stderr is not a terminal here: no progress bar.
    assert!(a.stderr.is_empty());
}

#[test]
fn every_experiment_repeats_and_writes_csv_and_svg_files() {
    let dir = std::env::temp_dir().join(format!("zooscope-exp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in [
        "election-time",
        "write-throughput",
        "availability",
        "lock-wakeups",
        "commit-cost",
    ] {
        let csv = dir.join(format!("{name}.csv"));
        let svg = dir.join(format!("{name}.svg"));
        let args = [
            "experiment",
            name,
            "--seeds",
            "1",
            "--servers",
            "3",
            "--observers",
            "0",
            "--clients",
            "2",
            "--csv",
            csv.to_str().unwrap(),
            "--svg",
            svg.to_str().unwrap(),
        ];
        let a = zooscope(&args);
        assert!(
            a.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&a.stderr)
        );
        assert_eq!(zooscope(&args).stdout, a.stdout, "{name} repeats");
        assert_eq!(std::fs::read(&csv).unwrap(), a.stdout);
        let svg = std::fs::read_to_string(&svg).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("</svg>"), "{name}");
        assert!(
            svg.contains("<polyline") || svg.contains("<path"),
            "{name}: a line"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_options_are_clear_errors() {
    for (args, says) in [
        (vec!["experiment"], "needs a NAME"),
        (vec!["experiment", "lock-tricks"], "unknown experiment"),
        (
            vec!["experiment", "election-time", "--servers", "3,x"],
            "numbers separated by commas",
        ),
        (
            vec!["experiment", "election-time", "--servers", "40"],
            "servers must be",
        ),
        (
            vec!["experiment", "election-time", "--seeds", "0"],
            "seeds must be",
        ),
        (
            vec!["experiment", "election-time", "--bogus"],
            "unknown experiment option",
        ),
    ] {
        let out = zooscope(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn election_time_medians_are_at_least_finalize_wait() {
    for finalize in ["100", "300"] {
        let out = zooscope(&[
            "experiment",
            "election-time",
            "--seeds",
            "5",
            "--servers",
            "3,5,7",
            "--finalize",
            finalize,
        ]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let col = |n: &str| header.iter().position(|c| *c == n).unwrap();
        let (servers, phase, quorum) = (col("servers"), col("phase"), col("quorum_ms"));
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        let floor: f64 = finalize.parse().unwrap();
        for n in ["3", "5", "7"] {
            for p in ["cold", "crash"] {
                let mut v: Vec<f64> = rows
                    .iter()
                    .filter(|r| r[servers] == n && r[phase] == p)
                    .map(|r| r[quorum].parse().unwrap())
                    .collect();
                assert_eq!(v.len(), 5, "{n} {p}");
                v.sort_by(f64::total_cmp);
                let median = v[2];
                assert!(
                    median >= floor,
                    "{n} servers, {p}: median {median} < {floor}"
                );
            }
        }
    }
}

#[test]
fn lock_wakeups_counts_the_herd_and_the_queue() {
    let out = zooscope(&["experiment", "lock-wakeups", "--clients", "2,5,10"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("clients,recipe,notifications,requests"));
    let mut seen = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let n: u64 = f[0].parse().unwrap();
        let notifications: u64 = f[2].parse().unwrap();
        let want = match f[1] {
            "herd" => n * (n - 1) / 2,
            "queue" => n - 1,
            other => panic!("recipe {other}"),
        };
        assert_eq!(notifications, want, "{line}");
        assert!(f[3].parse::<u64>().unwrap() >= 2 * n, "{line}");
        seen += 1;
    }
    // 3 client counts × 2 recipes × the default 3 seeds.
    assert_eq!(seen, 18);
}
