//! `zooscope lessons check`: the whole course, both languages, parsed, compared and run.
//!
//! 1. Every file parses; both languages have the same lessons (`NN-slug`, no gaps), the
//!    same minutes and prerequisites (earlier lessons only).
//! 2. **Parity**: the two files of a lesson have the same pieces in the same order with the
//!    same code ([`crate::piece::Piece::code_signature`]).
//! 3. Every lesson has a lab and a quiz or exercise.
//! 4. **Runs** (once, on the English file; parity makes the code the same): each lab's
//!    script, each step (its condition must hold within 120 simulated seconds), each quiz
//!    (exactly one choice must match the value the run gives; the answer is never taken
//!    from the file) and each exercise (the solution passes, typing nothing fails).
//!
//! **Pending features.** [`PENDING_LABS`] and [`PENDING_CONSOLES`] list what the simulation
//! does not run yet. A block that needs one of them must be marked `unchecked: needs …`
//! and is counted as skipped; a marked block that needs none of them is an error, so once
//! a lab lands (its kind removed from the list) every block waiting for it becomes a real
//! check as soon as its mark is removed, and cannot stay skipped by mistake.

use crate::doc::{self, LessonDoc, Part};
use crate::exercise;
use crate::live::{LessonRun, Outcome};
use crate::piece::{Body, Console, LabKind, Piece};
use crate::{LessonError, LESSONS_MAX};
use std::collections::BTreeMap;
use std::fmt;

/// Lab kinds the simulation does not run yet (none: election, locks and compare all run).
pub const PENDING_LABS: [LabKind; 0] = [];
/// Exercise consoles the simulation does not run yet (none: zkCli and Curator both run).
pub const PENDING_CONSOLES: [Console; 0] = [];

/// A lesson file as read from disk.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path shown in findings (`lessons/en/03-zkcli.md`).
    pub path: String,
    /// The file name (`03-zkcli.md`).
    pub name: String,
    /// Its content.
    pub text: String,
}

/// Something wrong (or worth a look) at a line of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The file's path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// What.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// A block not run because it needs a pending feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Where (the English file).
    pub path: String,
    /// Its opening line.
    pub line: usize,
    /// `lab`, `step`, `quiz`, `exercise`.
    pub kind: &'static str,
    /// The block's `unchecked:` note.
    pub note: String,
}

/// One lesson in both languages.
#[derive(Clone, Debug)]
pub struct LessonPair {
    /// English path.
    pub en_path: String,
    /// Chinese path.
    pub zh_path: String,
    /// English file.
    pub en: LessonDoc,
    /// Chinese file.
    pub zh: LessonDoc,
}

/// What a check found.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Failures: the command exits non-zero if there is any.
    pub errors: Vec<Finding>,
    /// Worth a look, not a failure (a `# checked:` comment that differs from the run).
    pub warnings: Vec<Finding>,
    /// Blocks not run, with why.
    pub skipped: Vec<Skipped>,
    /// Pieces run and passed.
    pub passed: usize,
}

fn finding(path: &str, e: LessonError) -> Finding {
    Finding {
        path: path.to_string(),
        line: e.line,
        message: e.message,
    }
}

/// Parse both languages and pair the lessons (structure checks of step 1).
pub fn load(en: &[Source], zh: &[Source], report: &mut Report) -> Vec<LessonPair> {
    let mut parse_all = |files: &[Source]| -> BTreeMap<u32, (String, LessonDoc)> {
        let mut out = BTreeMap::new();
        for f in files.iter().take(LESSONS_MAX) {
            match doc::parse(&f.name, &f.text) {
                Ok(d) => {
                    if let Some((other, _)) = out.get(&d.nn) {
                        report.errors.push(Finding {
                            path: f.path.clone(),
                            line: 1,
                            message: format!("lesson {:02} is also {other}", d.nn),
                        });
                    } else {
                        out.insert(d.nn, (f.path.clone(), d));
                    }
                }
                Err(e) => report.errors.push(finding(&f.path, e)),
            }
        }
        if files.len() > LESSONS_MAX {
            report.errors.push(Finding {
                path: files[LESSONS_MAX].path.clone(),
                line: 1,
                message: format!("a course is limited to {LESSONS_MAX} lessons"),
            });
        }
        out
    };
    let en = parse_all(en);
    let zh = parse_all(zh);
    let mut pairs = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (expected, (nn, (en_path, en_doc))) in (1..).zip(&en) {
        if *nn != expected {
            report.errors.push(Finding {
                path: en_path.clone(),
                line: 1,
                message: format!(
                    "lessons are numbered 01, 02, … with no gaps: expected {expected:02}"
                ),
            });
        }
        let Some((zh_path, zh_doc)) = zh.get(nn) else {
            report.errors.push(Finding {
                path: en_path.clone(),
                line: 1,
                message: format!("there is no zh lesson {nn:02}"),
            });
            continue;
        };
        let (ef, zf) = (&en_doc.front, &zh_doc.front);
        let mut differ = |what: &str, line: usize| {
            report.errors.push(Finding {
                path: zh_path.clone(),
                line,
                message: format!("{what} differs from {en_path}"),
            })
        };
        if ef.slug != zf.slug {
            differ("slug", 2);
        }
        if ef.minutes != zf.minutes {
            differ("minutes", 4);
        }
        if ef.prerequisites != zf.prerequisites {
            differ("prerequisites", 5);
        }
        for p in &ef.prerequisites {
            if !seen.contains(p) {
                report.errors.push(Finding {
                    path: en_path.clone(),
                    line: 5,
                    message: format!("prerequisite '{p}' is not an earlier lesson"),
                });
            }
        }
        seen.push(ef.slug.clone());
        pairs.push(LessonPair {
            en_path: en_path.clone(),
            zh_path: zh_path.clone(),
            en: en_doc.clone(),
            zh: zh_doc.clone(),
        });
    }
    for (nn, (zh_path, _)) in &zh {
        if !en.contains_key(nn) {
            report.errors.push(Finding {
                path: zh_path.clone(),
                line: 1,
                message: format!("there is no en lesson {nn:02}"),
            });
        }
    }
    pairs
}

/// The first parity difference between the two files of a lesson.
pub fn parity(pair: &LessonPair) -> Option<Finding> {
    let en: Vec<&Piece> = pair.en.pieces().collect();
    let zh: Vec<&Piece> = pair.zh.pieces().collect();
    for (i, (e, z)) in en.iter().zip(&zh).enumerate() {
        let (se, sz) = (e.code_signature(), z.code_signature());
        if se != sz {
            let what = se.iter().zip(&sz).find(|(a, b)| a != b).map_or_else(
                || format!("{} code lines here, {} there", sz.len(), se.len()),
                |(a, b)| format!("'{b}' here, '{a}' there"),
            );
            return Some(Finding {
                path: pair.zh_path.clone(),
                line: z.line,
                message: format!(
                    "block {} ({}) differs from {}:{}: {what}",
                    i + 1,
                    z.kind(),
                    pair.en_path,
                    e.line
                ),
            });
        }
    }
    (en.len() != zh.len()).then(|| Finding {
        path: pair.zh_path.clone(),
        line: zh.get(en.len().min(zh.len())).map_or(1, |p| p.line),
        message: format!(
            "{} has {} blocks, {} has {}",
            pair.zh_path,
            zh.len(),
            pair.en_path,
            en.len()
        ),
    })
}

/// The pending feature a piece needs, if any (`labs`: lab kinds by id).
pub fn pending_need(piece: &Piece, labs: &BTreeMap<String, LabKind>) -> Option<String> {
    let lab_pending = |id: &str| {
        labs.get(id)
            .filter(|k| PENDING_LABS.contains(k))
            .map(|k| format!("the {} lab", k.word()))
    };
    match &piece.body {
        Body::Lab(l) => PENDING_LABS
            .contains(&l.kind)
            .then(|| format!("the {} lab", l.kind.word())),
        Body::Step(s) => lab_pending(&s.lab),
        Body::Quiz(q) => lab_pending(&q.lab),
        Body::Exercise(e) => PENDING_CONSOLES
            .contains(&e.console)
            .then(|| format!("the {} console", e.console.word())),
    }
}

/// Compare a quiz's `# checked:` comment with the value the run gave; a message if they
/// differ.
fn checked_differs(comment: &str, value: &str) -> Option<String> {
    let text = match comment.rfind(" (seed") {
        Some(i) => &comment[..i],
        None => comment,
    };
    let (recorded, ok) = if let Some((_, v)) = text.split_once(" = ") {
        (v, value == v)
    } else if let Some((_, v)) = text.split_once(" contains ") {
        (v, value.contains(v))
    } else {
        return None;
    };
    (!ok).then(|| format!("'# checked:' says {recorded:?}, the run gives {value:?}"))
}

/// Run the pieces of one lesson (the English file) and add what fails to `report`.
pub fn run_lesson(pair: &LessonPair, report: &mut Report) {
    let path = &pair.en_path;
    let zh_lines: Vec<usize> = pair.zh.pieces().map(|p| p.line).collect();
    let at = |i: usize, e: LessonError| {
        let mut f = finding(path, e);
        if let Some(z) = zh_lines.get(i) {
            f.message = format!("{} (zh: {}:{z})", f.message, pair.zh_path);
        }
        f
    };
    let mut kinds: BTreeMap<String, LabKind> = BTreeMap::new();
    let mut run = LessonRun::new(pair.en.pieces().cloned().collect());
    let mut broken: Vec<String> = Vec::new();
    let mut unchecked_labs: Vec<String> = Vec::new();
    for (i, piece) in pair.en.pieces().enumerate() {
        if let Body::Lab(l) = &piece.body {
            if kinds.insert(l.id.clone(), l.kind).is_some() {
                report.errors.push(at(
                    i,
                    LessonError::at(piece.line, format!("a second lab named '{}'", l.id)),
                ));
            }
        }
        if let Some(id) = piece.lab_id() {
            if !kinds.contains_key(id) {
                report.errors.push(at(
                    i,
                    LessonError::at(piece.line, format!("no lab '{id}' above this block")),
                ));
                continue;
            }
        }
        let need = pending_need(piece, &kinds);
        match (&piece.unchecked, need) {
            (Some(note), Some(_)) => {
                if let Body::Lab(l) = &piece.body {
                    unchecked_labs.push(l.id.clone());
                }
                report.skipped.push(Skipped {
                    path: path.clone(),
                    line: piece.line,
                    kind: piece.kind(),
                    note: note.clone(),
                });
                continue;
            }
            (Some(_), None) => {
                report.errors.push(at(
                    i,
                    LessonError::at(
                        piece.line,
                        "marked 'unchecked:' but everything it needs runs now: remove the mark",
                    ),
                ));
                continue;
            }
            (None, Some(need)) => {
                report.errors.push(at(i, LessonError::at(piece.line, format!("needs {need}, which is not simulated yet: mark it 'unchecked: needs …'"))));
                continue;
            }
            (None, None) => {}
        }
        if piece
            .lab_id()
            .is_some_and(|id| unchecked_labs.iter().any(|u| u == id))
        {
            report.errors.push(at(
                i,
                LessonError::at(
                    piece.line,
                    "acts on an unchecked lab, so it cannot run: mark it 'unchecked:' too",
                ),
            ));
            continue;
        }
        let result: Result<(), LessonError> = match &piece.body {
            Body::Lab(_) => run.act(i).map(|_| ()),
            Body::Step(s) => match run.act(i) {
                Ok(Outcome::Step(true)) => Ok(()),
                Ok(_) => Err(LessonError::at(
                    s.until_line,
                    "the condition did not hold within 120 s of simulated time",
                )),
                Err(e) => Err(e),
            },
            Body::Quiz(q) => {
                match run.act(i) {
                    Ok(Outcome::Quiz(out)) => {
                        if let Some(c) = &q.checked {
                            if let Some(m) = checked_differs(&c.text, &out.value) {
                                report
                                    .warnings
                                    .push(finding(path, LessonError::at(c.line, m)));
                            }
                        }
                        match out.matching.len() {
                        1 => Ok(()),
                        0 => Err(LessonError::at(q.answer_line, format!("no choice matches the value the run gives: {:?}", out.value))),
                        _ => Err(LessonError::at(q.answer_line, format!("{} choices match the value the run gives ({:?}): exactly one must", out.matching.len(), out.value))),
                    }
                    }
                    Ok(_) => Err(LessonError::at(piece.line, "not a quiz")),
                    Err(e) => Err(e),
                }
            }
            Body::Exercise(e) => exercise::attempt(e, &e.solution).and_then(|sol| {
                if !sol.ok() {
                    let k = sol.passed.iter().position(|p| !p).unwrap_or(0);
                    return Err(LessonError::at(
                        e.expects[k].0,
                        "the solution does not pass this expect",
                    ));
                }
                let none = exercise::attempt(e, &[])?;
                if none.ok() {
                    return Err(LessonError::at(
                        piece.line,
                        "typing nothing already passes every expect",
                    ));
                }
                Ok(())
            }),
        };
        match result {
            Ok(()) => report.passed += 1,
            Err(e) => {
                if let Some(id) = piece.lab_id() {
                    broken.push(id.to_string());
                }
                report.errors.push(at(i, e));
            }
        }
    }
    // Blocks marked `unchecked:` do not count: the learner could not run them.
    let live = |kind: &str| {
        pair.en
            .pieces()
            .filter(|p| p.unchecked.is_none() && p.kind() == kind)
            .count()
    };
    if live("lab") == 0 || live("quiz") + live("exercise") == 0 {
        report.errors.push(Finding {
            path: path.clone(),
            line: 1,
            message: "every lesson needs at least one live lab and one checked quiz or exercise"
                .into(),
        });
    }
}

/// The whole check.
pub fn check_course(en: &[Source], zh: &[Source]) -> (Vec<LessonPair>, Report) {
    let mut report = Report::default();
    let pairs = load(en, zh, &mut report);
    for pair in &pairs {
        if let Some(f) = parity(pair) {
            report.errors.push(f);
        }
        run_lesson(pair, &mut report);
    }
    (pairs, report)
}

/// Prose parts, for callers that need them alongside the pieces.
pub fn prose(doc: &LessonDoc) -> impl Iterator<Item = &str> {
    doc.parts.iter().filter_map(|p| match p {
        Part::Prose { markdown, .. } => Some(markdown.as_str()),
        Part::Piece(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(lang: &str, name: &str, text: &str) -> Source {
        Source {
            path: format!("{lang}/{name}"),
            name: name.into(),
            text: text.into(),
        }
    }

    const EN: &str = "---\nslug: a\ntitle: A\nminutes: 5\nprerequisites: []\nsummary: S\n---\n\n```lab election id=b\nensemble 3\nstart 1 2 3\n```\n\n```quiz\nquestion: who?\nrun: wait until stable\nanswer: leader\n- 1: one\n- 3: three\nexplain: {answer}\n# checked: leader = 1 (seed 1)\n```\n";

    #[test]
    fn a_sound_lesson_passes_with_a_warning_for_a_stale_comment() {
        let zh = EN
            .replace("title: A", "title: 甲")
            .replace("question: who?", "question: 谁？");
        let (_, r) = check_course(&[src("en", "01-a.md", EN)], &[src("zh", "01-a.md", &zh)]);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.passed, 2);
        assert_eq!(r.warnings.len(), 1, "the comment says 1, the run gives 3");
        assert_eq!(r.warnings[0].line, 21);
    }

    #[test]
    fn a_wrong_claim_and_a_parity_break_are_named_by_file_and_line() {
        let en = EN.replace("- 3: three", "- 2: two");
        let zh = en.replace("- 2: two", "- 3: 三");
        let (_, r) = check_course(&[src("en", "01-a.md", &en)], &[src("zh", "01-a.md", &zh)]);
        let text: Vec<String> = r.errors.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|t| t.starts_with("zh/01-a.md:14: block 2 (quiz) differs")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.starts_with("en/01-a.md:17: no choice matches") && t.contains("\"3\"")),
            "{text:?}"
        );
    }

    const COMPARE: &str = "\n```lab compare id=c\nlanes 2pc 3pc\nnodes 3\npropose x=1\nvote 2 no\n```\n\n```step lab=c\ntext: wait\nuntil: decided\n```\n\n```quiz lab=c\nquestion: q\nrun: verdict\nanswer: verdict of 3pc\n- committed x=1: c\n- aborted: a\nexplain: e\n```\n";

    #[test]
    fn compare_labs_run_and_their_verdicts_answer_quizzes() {
        let en = format!("{EN}{COMPARE}");
        let (_, r) = check_course(&[src("en", "01-a.md", &en)], &[src("zh", "01-a.md", &en)]);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert!(r.skipped.is_empty());
        assert_eq!(r.passed, 5);
        let wrong = en.replace("- aborted: a", "- blocked: b");
        let (_, r) = check_course(
            &[src("en", "01-a.md", &wrong)],
            &[src("zh", "01-a.md", &wrong)],
        );
        assert!(
            r.errors
                .iter()
                .any(|e| e.message.contains("no choice matches")
                    && e.message.contains("\"aborted\"")),
            "{:?}",
            r.errors
        );
        let no_lane = en.replace("verdict of 3pc", "verdict of paxos");
        let (_, r) = check_course(
            &[src("en", "01-a.md", &no_lane)],
            &[src("zh", "01-a.md", &no_lane)],
        );
        assert!(
            r.errors.iter().any(|e| e.message.contains("no paxos lane")),
            "{:?}",
            r.errors
        );
        let verdict_of_election = EN.replace("answer: leader", "answer: verdict of 2pc");
        let (_, r) = check_course(
            &[src("en", "01-a.md", &verdict_of_election)],
            &[src("zh", "01-a.md", &verdict_of_election)],
        );
        assert!(
            r.errors
                .iter()
                .any(|e| e.message.contains("needs a compare lab")),
            "{:?}",
            r.errors
        );
    }

    /// Nothing is pending any more, so a mark on any block is an error.
    #[test]
    fn a_mark_on_a_block_that_runs_is_an_error() {
        for marked in [
            format!("{EN}{COMPARE}").replace(
                "```lab compare id=c",
                "```lab compare id=c unchecked: needs x",
            ),
            EN.replace(
                "```lab election id=b",
                "```lab election id=b unchecked: needs x",
            ),
        ] {
            let (_, r) = check_course(
                &[src("en", "01-a.md", &marked)],
                &[src("zh", "01-a.md", &marked)],
            );
            assert!(
                r.errors
                    .iter()
                    .any(|e| e.message.contains("remove the mark")),
                "{:?}",
                r.errors
            );
        }
    }

    #[test]
    fn gaps_and_missing_languages_are_errors() {
        let en2 = EN.replace("slug: a", "slug: b");
        let (_, r) = check_course(&[src("en", "02-b.md", &en2)], &[]);
        assert!(r.errors.iter().any(|e| e.message.contains("no gaps")));
        assert!(r.errors.iter().any(|e| e.message.contains("no zh lesson")));
    }
}
