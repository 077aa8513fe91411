//! The four live blocks of a lesson (`docs/lessons-format.md` §2–6): `lab`, `step`,
//! `quiz` and `exercise`, parsed from a fenced block's info string and body.
//!
//! Parsing checks syntax only (keys, required values, READABLE and CONDITION forms);
//! whether a piece *runs* is [`crate::check`]'s job. A block marked
//! `unchecked: needs …` is parsed all the same and keeps its note.

use crate::readable::{Readable, Until};
use crate::{LessonError, Line};
use serde::{Deserialize, Serialize};

/// The words that open a live block.
pub const KINDS: [&str; 4] = ["lab", "step", "quiz", "exercise"];
/// Most lines in one block.
pub const BLOCK_LINES_MAX: usize = 400;

/// What a lab simulates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabKind {
    /// A ZooKeeper ensemble in the scenario language.
    Election,
    /// The same plus Curator lock lines, shown as a lock diagram.
    Locks,
    /// The same plus Curator lines, shown as a Java console.
    Curator,
    /// The protocol-comparison script.
    Compare,
}

impl LabKind {
    /// The word in the info string.
    pub fn word(self) -> &'static str {
        match self {
            LabKind::Election => "election",
            LabKind::Locks => "locks",
            LabKind::Curator => "curator",
            LabKind::Compare => "compare",
        }
    }

    fn parse(line: usize, w: &str) -> Result<Self, LessonError> {
        [
            LabKind::Election,
            LabKind::Locks,
            LabKind::Curator,
            LabKind::Compare,
        ]
        .into_iter()
        .find(|k| k.word() == w)
        .ok_or_else(|| {
            LessonError::at(
                line,
                format!("'{w}' is not a lab kind (election, locks, curator, compare)"),
            )
        })
    }
}

/// The console of an exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Console {
    /// zkCli commands through `c1`.
    Zkcli,
    /// Java statements through Curator.
    Curator,
}

impl Console {
    /// The word in the info string.
    pub fn word(self) -> &'static str {
        match self {
            Console::Zkcli => "zkcli",
            Console::Curator => "curator",
        }
    }
}

/// A live simulation opened on an inline script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lab {
    /// Its kind.
    pub kind: LabKind,
    /// The name later blocks attach to.
    pub id: String,
    /// The run's seed.
    pub seed: u64,
    /// Script lines (comments included: the learner sees them).
    pub script: Vec<Line>,
}

/// A step that waits for a protocol event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The lab it acts on.
    pub lab: String,
    /// What to do or watch for.
    pub text: String,
    /// What the "Do it" button plays.
    pub actions: Vec<Line>,
    /// The condition to wait for, and its line.
    pub until: Until,
    /// The line of `until:`.
    pub until_line: usize,
}

/// One choice of a quiz.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The literal compared with the value read.
    pub value: String,
    /// What the learner reads.
    pub text: String,
    /// Its line.
    pub line: usize,
}

/// A predict-then-check quiz.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quiz {
    /// The lab it acts on.
    pub lab: String,
    /// The question.
    pub question: String,
    /// Played after the learner answers.
    pub run: Vec<Line>,
    /// What is read afterwards.
    pub answer: Readable,
    /// The line of `answer:`.
    pub answer_line: usize,
    /// At least two.
    pub choices: Vec<Choice>,
    /// Shown after checking; `{answer}` is the value read.
    pub explain: String,
    /// The `# checked: …` comment, if any (the value recorded when written).
    pub checked: Option<Line>,
}

/// One expectation of an exercise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expect {
    /// Run COMMAND; its output must contain TEXT.
    Command {
        /// The command.
        command: String,
        /// The text.
        text: String,
    },
    /// The learner's own transcript must contain TEXT.
    Output(String),
}

/// An exercise the learner types.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exercise {
    /// Which console.
    pub console: Console,
    /// Servers in its fresh world (1: standalone).
    pub servers: u64,
    /// What to do.
    pub task: String,
    /// An optional hint.
    pub hint: Option<String>,
    /// Run before the learner starts, hidden.
    pub setup: Vec<Line>,
    /// The reference answer.
    pub solution: Vec<Line>,
    /// What must hold afterwards, with lines.
    pub expects: Vec<(usize, Expect)>,
}

/// A piece's content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    /// `lab`
    Lab(Lab),
    /// `step`
    Step(Step),
    /// `quiz`
    Quiz(Quiz),
    /// `exercise`
    Exercise(Exercise),
}

/// One live block of a lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// The line of the opening fence.
    pub line: usize,
    /// `unchecked: …` note, if the block is marked so.
    pub unchecked: Option<String>,
    /// The content.
    pub body: Body,
}

impl Piece {
    /// The block's kind word.
    pub fn kind(&self) -> &'static str {
        match self.body {
            Body::Lab(_) => "lab",
            Body::Step(_) => "step",
            Body::Quiz(_) => "quiz",
            Body::Exercise(_) => "exercise",
        }
    }

    /// The lab this piece acts on (its own id for a lab).
    pub fn lab_id(&self) -> Option<&str> {
        match &self.body {
            Body::Lab(l) => Some(&l.id),
            Body::Step(s) => Some(&s.lab),
            Body::Quiz(q) => Some(&q.lab),
            Body::Exercise(_) => None,
        }
    }

    /// Everything that must be equal in both languages (§2 "Parity"), as text.
    pub fn code_signature(&self) -> Vec<String> {
        let lines = |v: &[Line]| v.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
        let mut sig = vec![format!(
            "{} unchecked={}",
            self.kind(),
            self.unchecked.is_some()
        )];
        match &self.body {
            Body::Lab(l) => {
                sig.push(format!("{} id={} seed={}", l.kind.word(), l.id, l.seed));
                sig.extend(
                    l.script
                        .iter()
                        .filter(|l| !l.text.starts_with('#'))
                        .map(|l| l.text.clone()),
                );
            }
            Body::Step(s) => {
                sig.push(format!("lab={} until={:?}", s.lab, s.until));
                sig.extend(lines(&s.actions));
            }
            Body::Quiz(q) => {
                sig.push(format!("lab={} answer={:?}", q.lab, q.answer));
                sig.extend(lines(&q.run));
                sig.extend(q.choices.iter().map(|c| format!("- {}", c.value)));
            }
            Body::Exercise(e) => {
                sig.push(format!("{} servers={}", e.console.word(), e.servers));
                sig.extend(lines(&e.setup).into_iter().map(|l| format!("setup {l}")));
                sig.extend(
                    lines(&e.solution)
                        .into_iter()
                        .map(|l| format!("solution {l}")),
                );
                sig.extend(e.expects.iter().map(|(_, x)| format!("{x:?}")));
            }
        }
        sig
    }
}

/// The parsed info string: kind, argument, attributes, unchecked note.
struct Info<'a> {
    kind: &'a str,
    arg: Option<&'a str>,
    attrs: Vec<(&'a str, &'a str)>,
    unchecked: Option<String>,
}

fn parse_info(line: usize, info: &str) -> Result<Info<'_>, LessonError> {
    let (head, unchecked) = match info.split_once("unchecked:") {
        Some((h, note)) => (h, Some(note.trim().to_string())),
        None => (info, None),
    };
    if unchecked.as_deref() == Some("") {
        return Err(LessonError::at(
            line,
            "'unchecked:' needs a note: unchecked: needs FEATURE",
        ));
    }
    let mut words = head.split_whitespace();
    let kind = words.next().unwrap_or_default();
    let mut arg = None;
    let mut attrs = Vec::new();
    for w in words {
        match w.split_once('=') {
            Some((k, v)) if !k.is_empty() && !v.is_empty() => attrs.push((k, v)),
            Some(_) => return Err(LessonError::at(line, format!("'{w}' is not key=value"))),
            None if arg.is_none() && attrs.is_empty() => arg = Some(w),
            None => {
                return Err(LessonError::at(
                    line,
                    format!("unexpected '{w}' in the info string"),
                ))
            }
        }
    }
    Ok(Info {
        kind,
        arg,
        attrs,
        unchecked,
    })
}

/// A block body as `key: value` lines (comments kept apart).
struct Fields {
    items: Vec<(usize, String, String)>,
    checked: Option<Line>,
}

fn parse_fields(body: &[Line], allowed: &[&str]) -> Result<Fields, LessonError> {
    let mut items = Vec::new();
    let mut checked = None;
    for l in body {
        let t = l.text.as_str();
        if t.is_empty() {
            continue;
        }
        if let Some(c) = t.strip_prefix('#') {
            if let Some(v) = c.trim().strip_prefix("checked:") {
                checked = Some(Line {
                    line: l.line,
                    text: v.trim().to_string(),
                });
            }
            continue;
        }
        if let Some(choice) = t.strip_prefix("- ") {
            if !allowed.contains(&"-") {
                return Err(LessonError::at(
                    l.line,
                    "only a quiz has '- VALUE: text' choices",
                ));
            }
            items.push((l.line, "-".to_string(), choice.trim().to_string()));
            continue;
        }
        let Some((k, v)) = t.split_once(':') else {
            return Err(LessonError::at(
                l.line,
                format!("expected 'key: value', found '{t}'"),
            ));
        };
        let k = k.trim();
        if !allowed.contains(&k) {
            return Err(LessonError::at(
                l.line,
                format!("'{k}' is not a key here (keys: {})", allowed.join(", ")),
            ));
        }
        items.push((l.line, k.to_string(), v.trim().to_string()));
    }
    Ok(Fields { items, checked })
}

impl Fields {
    fn all(&self, key: &str) -> Vec<Line> {
        self.items
            .iter()
            .filter(|(_, k, _)| k == key)
            .map(|(line, _, v)| Line {
                line: *line,
                text: v.clone(),
            })
            .collect()
    }

    fn one(&self, key: &str, block_line: usize) -> Result<Line, LessonError> {
        let mut all = self.all(key);
        match all.len() {
            0 => Err(LessonError::at(
                block_line,
                format!("the block needs '{key}:'"),
            )),
            1 => Ok(all.remove(0)),
            _ => Err(LessonError::at(
                all[1].line,
                format!("'{key}:' is given twice"),
            )),
        }
    }

    fn optional(&self, key: &str) -> Result<Option<Line>, LessonError> {
        let mut all = self.all(key);
        match all.len() {
            0 => Ok(None),
            1 => Ok(Some(all.remove(0))),
            _ => Err(LessonError::at(
                all[1].line,
                format!("'{key}:' is given twice"),
            )),
        }
    }
}

fn attr<'a>(info: &Info<'a>, key: &str) -> Option<&'a str> {
    info.attrs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

fn only_attrs(line: usize, info: &Info<'_>, allowed: &[&str]) -> Result<(), LessonError> {
    match info.attrs.iter().find(|(k, _)| !allowed.contains(k)) {
        Some((k, _)) => Err(LessonError::at(
            line,
            format!("'{k}=' is not an attribute here"),
        )),
        None => Ok(()),
    }
}

/// Whether an info string opens a live block.
pub fn is_live(info: &str) -> bool {
    info.split_whitespace()
        .next()
        .is_some_and(|w| KINDS.contains(&w))
}

/// Parse one live block: `line` is the opening fence's line; `labs` counts the labs
/// before it (for default ids) and `last_lab` is the nearest lab id above it.
pub fn parse(
    line: usize,
    info: &str,
    body: &[Line],
    labs_before: usize,
    last_lab: Option<&str>,
) -> Result<Piece, LessonError> {
    if body.len() > BLOCK_LINES_MAX {
        return Err(LessonError::at(
            line,
            format!("a block is limited to {BLOCK_LINES_MAX} lines"),
        ));
    }
    let info = parse_info(line, info)?;
    let attached = |info: &Info<'_>| -> Result<String, LessonError> {
        attr(info, "lab")
            .or(last_lab)
            .map(str::to_string)
            .ok_or_else(|| LessonError::at(line, "no lab above this block to act on (lab=ID)"))
    };
    let no_arg = |info: &Info<'_>| match info.arg {
        Some(a) => Err(LessonError::at(
            line,
            format!("unexpected '{a}' after '{}'", info.kind),
        )),
        None => Ok(()),
    };
    let body = match info.kind {
        "lab" => {
            only_attrs(line, &info, &["id", "seed"])?;
            let kind = LabKind::parse(
                line,
                info.arg
                    .ok_or_else(|| LessonError::at(line, "a lab names its kind: lab election"))?,
            )?;
            let id =
                attr(&info, "id").map_or_else(|| format!("lab{}", labs_before + 1), str::to_string);
            let seed = match attr(&info, "seed") {
                Some(s) => s
                    .parse()
                    .map_err(|_| LessonError::at(line, format!("seed '{s}' is not a number")))?,
                None => 1,
            };
            let script: Vec<Line> = body
                .iter()
                .filter(|l| !l.text.is_empty())
                .cloned()
                .collect();
            if script.iter().all(|l| l.text.starts_with('#')) {
                return Err(LessonError::at(line, "a lab needs a script"));
            }
            Body::Lab(Lab {
                kind,
                id,
                seed,
                script,
            })
        }
        "step" => {
            no_arg(&info)?;
            only_attrs(line, &info, &["lab"])?;
            let f = parse_fields(body, &["text", "do", "until"])?;
            let until = f.one("until", line)?;
            Body::Step(Step {
                lab: attached(&info)?,
                text: f.one("text", line)?.text,
                actions: f.all("do"),
                until: Until::parse(until.line, &until.text)?,
                until_line: until.line,
            })
        }
        "quiz" => {
            no_arg(&info)?;
            only_attrs(line, &info, &["lab"])?;
            let f = parse_fields(body, &["question", "run", "answer", "explain", "-"])?;
            let answer = f.one("answer", line)?;
            let choices = f
                .all("-")
                .into_iter()
                .map(|l| {
                    let (value, text) = l.text.split_once(": ").unwrap_or((l.text.as_str(), ""));
                    if value.trim().is_empty() {
                        return Err(LessonError::at(l.line, "a choice is '- VALUE: text'"));
                    }
                    Ok(Choice {
                        value: value.trim().to_string(),
                        text: text.trim().to_string(),
                        line: l.line,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            if choices.len() < 2 {
                return Err(LessonError::at(line, "a quiz has at least two choices"));
            }
            Body::Quiz(Quiz {
                lab: attached(&info)?,
                question: f.one("question", line)?.text,
                run: f.all("run"),
                answer: Readable::parse(answer.line, &answer.text)?,
                answer_line: answer.line,
                choices,
                explain: f.one("explain", line)?.text,
                checked: f.checked,
            })
        }
        "exercise" => {
            only_attrs(line, &info, &["servers"])?;
            let console = match info.arg {
                Some("zkcli") => Console::Zkcli,
                Some("curator") => Console::Curator,
                Some(other) => {
                    return Err(LessonError::at(
                        line,
                        format!("'{other}' is not a console (zkcli, curator)"),
                    ))
                }
                None => {
                    return Err(LessonError::at(
                        line,
                        "an exercise names its console: exercise zkcli",
                    ))
                }
            };
            let servers = match attr(&info, "servers") {
                Some(s) => s
                    .parse::<u64>()
                    .ok()
                    .filter(|n| (1..=15).contains(n))
                    .ok_or_else(|| LessonError::at(line, "servers is 1 to 15"))?,
                None => 1,
            };
            let f = parse_fields(body, &["task", "hint", "setup", "solution", "expect"])?;
            let expects = f
                .all("expect")
                .into_iter()
                .map(|l| {
                    let x = if let Some(text) = l.text.strip_prefix("output ") {
                        Expect::Output(text.trim().to_string())
                    } else if let Some((command, text)) = l.text.split_once(" => ") {
                        Expect::Command {
                            command: command.trim().to_string(),
                            text: text.trim().to_string(),
                        }
                    } else {
                        return Err(LessonError::at(
                            l.line,
                            "expect is 'COMMAND => TEXT' or 'output TEXT'",
                        ));
                    };
                    Ok((l.line, x))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let solution = f.all("solution");
            if solution.is_empty() {
                return Err(LessonError::at(
                    line,
                    "an exercise needs at least one 'solution:'",
                ));
            }
            if expects.is_empty() {
                return Err(LessonError::at(
                    line,
                    "an exercise needs at least one 'expect:'",
                ));
            }
            Body::Exercise(Exercise {
                console,
                servers,
                task: f.one("task", line)?.text,
                hint: f.optional("hint")?.map(|l| l.text),
                setup: f.all("setup"),
                solution,
                expects,
            })
        }
        other => {
            return Err(LessonError::at(
                line,
                format!("'{other}' is not a block kind"),
            ))
        }
    };
    Ok(Piece {
        line,
        unchecked: info.unchecked,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(start: usize, text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                line: start + i,
                text: t.trim().to_string(),
            })
            .collect()
    }

    #[test]
    fn quiz_with_choices_and_checked_comment() {
        let b = body(11, "question: who?\nrun: wait until stable\nanswer: leader\n- 1: one\n- 3: three\nexplain: {answer}\n# checked: leader = 3 (seed 1)");
        let p = parse(10, "quiz lab=boot", &b, 1, None).unwrap();
        let Body::Quiz(q) = &p.body else { panic!() };
        assert_eq!(q.lab, "boot");
        assert_eq!(q.choices[1].value, "3");
        assert_eq!(q.choices[1].line, 15);
        assert_eq!(q.checked.as_ref().unwrap().text, "leader = 3 (seed 1)");
    }

    #[test]
    fn errors_name_the_line() {
        let b = body(21, "question: q\nanswer: leader\n- 1: a\nexplain: e");
        assert!(parse(20, "quiz", &b, 0, Some("x"))
            .unwrap_err()
            .message
            .contains("two choices"));
        let b = body(21, "text: t\nuntil: nothing at all");
        assert_eq!(parse(20, "step", &b, 1, Some("x")).unwrap_err().line, 22);
        let b = body(21, "text: t\nuntil: stable");
        assert!(
            parse(20, "step", &b, 0, None).is_err(),
            "no lab to attach to"
        );
        let b = body(21, "wat: t");
        assert_eq!(parse(20, "step lab=a", &b, 0, None).unwrap_err().line, 21);
        assert!(parse(20, "lab nuclear", &body(21, "ensemble 1"), 0, None).is_err());
        let p = parse(
            20,
            "lab compare id=c unchecked: needs the compare lab",
            &body(21, "lanes 2pc"),
            0,
            None,
        )
        .unwrap();
        assert_eq!(p.unchecked.as_deref(), Some("needs the compare lab"));
        let p = parse(20, "lab election", &body(21, "ensemble 1"), 2, None).unwrap();
        assert_eq!(p.lab_id(), Some("lab3"));
    }
}
