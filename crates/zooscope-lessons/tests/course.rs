//! The course in `lessons/` passes its own check: every piece that can run, runs and
//! agrees with what the lesson claims; the skipped ones are exactly the blocks marked
//! `unchecked:` (the same check `zooscope lessons check` prints).

use std::path::Path;
use zooscope_lessons::check::{check_course, Source};
use zooscope_lessons::compiled;

fn sources(lang: &str) -> Vec<Source> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../lessons")
        .join(lang);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("lessons folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| Source {
            path: format!("lessons/{lang}/{name}"),
            text: std::fs::read_to_string(dir.join(&name)).unwrap(),
            name,
        })
        .collect()
}

#[test]
fn the_course_passes_its_check() {
    let (en, zh) = (sources("en"), sources("zh"));
    let (pairs, report) = check_course(&en, &zh);
    let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(pairs.len() >= 18, "the issue asks for at least 18 lessons");
    let marked: usize = en
        .iter()
        .map(|s| {
            s.text
                .lines()
                .filter(|l| l.starts_with("```") && l.contains("unchecked:"))
                .count()
        })
        .sum();
    assert_eq!(report.skipped.len(), marked);
    assert!(report.passed > 50, "{} pieces ran", report.passed);
    // The build step records a run after every piece that is not skipped.
    for p in &pairs {
        let pieces: Vec<_> = p.en.pieces().cloned().collect();
        for (piece, rec) in pieces.iter().zip(compiled::record(&pieces)) {
            assert_eq!(
                rec.is_some(),
                piece.unchecked.is_none(),
                "{}:{}",
                p.en_path,
                piece.line
            );
        }
    }
}

/// `lessons/README.md`'s table is what `zooscope lessons list` prints.
#[test]
fn the_readme_table_is_the_lesson_list() {
    let (pairs, _) = check_course(&sources("en"), &sources("zh"));
    let listed: Vec<String> = pairs
        .iter()
        .map(|p| {
            let c = p.en.counts();
            format!(
                "| {:02} | {} | {} | {} | {} | {} | {} |",
                p.en.nn,
                p.en.front.slug,
                p.en.front.title,
                p.zh.front.title,
                c.labs,
                c.quizzes,
                c.exercises
            )
        })
        .collect();
    let readme = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons/README.md"),
    )
    .unwrap();
    let rows: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| NN |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(rows, listed);
}
