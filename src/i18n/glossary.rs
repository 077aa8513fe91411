//! The course glossary (`lessons/glossary.tsv`) as a guard on the zh-CN strings.
//!
//! The glossary names one Chinese word per idea and, per entry, the variants we do not use.
//! The tests here read it at compile time (`include_str!`), so the app's bundle carries none of
//! it, and fail when a Chinese string of any `src/i18n/*.rs` table uses an avoided variant, or
//! when `docs/glossary.md` is not the glossary as rendered here
//! (`ZOOSCOPE_BLESS=1 cargo test -p zooscope-web glossary` rewrites it).

use super::Lang;

/// The glossary file, shared with the lessons.
const GLOSSARY: &str = include_str!("../../lessons/glossary.tsv");

/// Characters that mark an ASCII run as ZooKeeper syntax (zoo.cfg lines, paths, commands) or
/// as a template hole (`{leader}`).
const SYNTAX_MARKS: [char; 6] = ['=', ':', '/', '[', ']', '{'];

/// One glossary entry.
#[derive(Debug)]
struct Term {
    id: &'static str,
    en: &'static str,
    zh: &'static str,
    zh_avoid: Vec<&'static str>,
    en_definition: &'static str,
    zh_definition: &'static str,
}

/// The file's leading `#` lines (the reasons for the choices), without the `# `.
fn preamble(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').strip_prefix(' ').unwrap_or(""))
        .collect()
}

/// Parse the glossary: `#` lines are comments, the first other line is the header.
fn parse(text: &'static str) -> Result<Vec<Term>, String> {
    let mut rows = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let header = rows.next().ok_or("the glossary has no header")?;
    let want = "id\ten\tzh\tzh_avoid\ten_definition\tzh_definition";
    if header.1 != want {
        return Err(format!("header is {:?}, want {want:?}", header.1));
    }
    rows.map(|(n, line)| {
        let cells: Vec<&str> = line.split('\t').collect();
        let [id, en, zh, avoid, en_definition, zh_definition] = cells[..] else {
            return Err(format!("line {}: {} cells, want 6", n + 1, cells.len()));
        };
        if [id, en, zh, en_definition, zh_definition]
            .iter()
            .any(|c| c.trim().is_empty() || c.trim() != *c)
        {
            return Err(format!("line {}: an empty or padded cell", n + 1));
        }
        let zh_avoid = avoid.split('|').filter(|v| !v.is_empty()).collect();
        Ok(Term {
            id,
            en,
            zh,
            zh_avoid,
            en_definition,
            zh_definition,
        })
    })
    .collect()
}

/// Does `text` hold a CJK ideograph?
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Byte ranges of `text` that are ZooKeeper syntax: maximal runs of non-space ASCII holding one
/// of [`SYNTAX_MARKS`] (`server.N=host:port:port[:observer]`, `/lock/req-…`).
fn syntax_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let in_run = c.is_ascii() && !c.is_ascii_whitespace();
        match (in_run, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if text[s..i].contains(SYNTAX_MARKS) {
                    spans.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    spans
}

/// Where `variant` occurs in `text` as a use of that variant: not inside an approved term that
/// contains it (提议 in 提议者), not inside ZooKeeper syntax, and, for an ASCII variant, as a
/// whole word (`leader` but not `leaders` or `NEWLEADER`).
fn uses(text: &str, variant: &str, approved: &[&str]) -> bool {
    let mut masked: Vec<(usize, usize)> = syntax_spans(text);
    for term in approved
        .iter()
        .filter(|t| t.contains(variant) && **t != variant)
    {
        masked.extend(text.match_indices(term).map(|(i, t)| (i, i + t.len())));
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(variant).any(|(i, v)| {
        let end = i + v.len();
        let free = !masked.iter().any(|&(s, e)| s <= i && end <= e);
        let whole = !variant.is_ascii()
            || !(word(text[..i].chars().next_back()) || word(text[end..].chars().next()));
        free && whole
    })
}

/// Every avoided variant used in `text`, with the entry that avoids it.
fn violations<'a>(text: &str, terms: &'a [Term]) -> Vec<(&'a str, &'a str)> {
    let approved: Vec<&str> = terms.iter().map(|t| t.zh).collect();
    terms
        .iter()
        .flat_map(|t| t.zh_avoid.iter().map(move |v| (t.id, *v)))
        .filter(|(_, v)| uses(text, v, &approved))
        .collect()
}

/// The string literals of Rust source (comments skipped), unescaped only as far as needed.
fn string_literals(source: &str) -> Vec<String> {
    let bytes: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            ('/', Some('/')) => {
                while i < bytes.len() && bytes[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == '*' && bytes[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            ('\'', next) => {
                // A char literal ('x', '\n') is skipped; a lifetime ('static) is not a literal.
                i += match (next, bytes.get(i + 2)) {
                    (Some('\\'), _) => {
                        bytes[i + 2..].iter().position(|c| *c == '\'').unwrap_or(0) + 3
                    }
                    (Some(_), Some('\'')) => 3,
                    _ => 1,
                };
            }
            ('"', _) => {
                let mut lit = String::new();
                i += 1;
                while i < bytes.len() && bytes[i] != '"' {
                    if bytes[i] == '\\' {
                        i += 1;
                    }
                    if let Some(c) = bytes.get(i) {
                        lit.push(*c);
                    }
                    i += 1;
                }
                out.push(lit);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Every zh string of the typed tables (Latin-only ones such as a role label included). With
/// [`zh_literals_in_sources`] a new table is covered the day it is added; this file is left
/// out there, as its tests quote the avoided words on purpose.
fn zh_strings() -> Vec<&'static str> {
    let sc = Lang::Zh.scenarios();
    let mut all: Vec<&'static str> = [sc.heading, sc.set_up_label, sc.try_label, sc.restart]
        .into_iter()
        .chain([sc.close, sc.unknown, sc.started])
        .chain(
            sc.items
                .iter()
                .flat_map(|i| [i.title, i.set_up, i.try_this]),
        )
        .collect();
    all.extend(Lang::Zh.texts().all_strings());
    all.extend(Lang::Zh.lab().all_strings());
    all.extend(Lang::Zh.panels().all_strings());
    all.extend(Lang::Zh.compare().all_strings());
    all.extend(Lang::Zh.course().all_strings());
    all
}

/// Every string literal with Chinese in it in the `src/i18n/*.rs` files but this one.
fn zh_literals_in_sources() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("src/i18n is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter(|p| !p.ends_with("glossary.rs"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|path| string_literals(&std::fs::read_to_string(path).expect("readable source")))
        .filter(|s| has_cjk(s))
        .collect()
}

/// `docs/glossary.md` as rendered from the glossary.
fn render_markdown(text: &'static str, terms: &[Term]) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut md = String::from(
        "# Glossary · 术语表\n\n\
         <!-- Generated from lessons/glossary.tsv by src/i18n/glossary.rs; do not edit by hand.\n     \
         Regenerate: ZOOSCOPE_BLESS=1 cargo test -p zooscope-web glossary -->\n\n\
         One word per idea, used by the UI (`src/i18n/*.rs`) and by the lessons. \
         A test fails if a Chinese UI string uses a variant from the last column.\n\n\
         ## Why these words\n\n",
    );
    for line in preamble(text)
        .iter()
        .skip_while(|l| !l.starts_with("House rules"))
    {
        md.push_str(line);
        md.push('\n');
    }
    md.push_str("\n## Terms\n\n| English | 中文 | Definition | 释义 | Not used in zh |\n|---|---|---|---|---|\n");
    for t in terms {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(t.en),
            cell(t.zh),
            cell(t.en_definition),
            cell(t.zh_definition),
            cell(&t.zh_avoid.join("、")),
        ));
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn terms() -> Vec<Term> {
        parse(GLOSSARY).unwrap_or_else(|e| panic!("lessons/glossary.tsv: {e}"))
    }

    #[test]
    fn the_glossary_is_well_formed() {
        let terms = terms();
        assert!(terms.len() >= 60, "the course needs its whole vocabulary");
        for column in [
            terms.iter().map(|t| t.id).collect::<Vec<_>>(),
            terms.iter().map(|t| t.en).collect(),
            terms.iter().map(|t| t.zh).collect(),
        ] {
            let unique: BTreeSet<_> = column.iter().collect();
            assert_eq!(unique.len(), column.len(), "a duplicate in {column:?}");
        }
        let approved: BTreeSet<&str> = terms.iter().map(|t| t.zh).collect();
        for t in &terms {
            assert!(
                has_cjk(t.zh_definition) && !has_cjk(t.en_definition),
                "{}",
                t.id
            );
            for v in &t.zh_avoid {
                assert!(
                    !approved.contains(v),
                    "{}: {v} is avoided and approved",
                    t.id
                );
            }
        }
    }

    #[test]
    fn the_checker_finds_avoided_words_and_spares_approved_ones() {
        let terms = terms();
        let ids = |s: &str| {
            violations(s, &terms)
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("三台服务器已选出 leader。"), ["leader"]);
        assert_eq!(ids("Leader 发出提案"), ["leader"]);
        assert_eq!(ids("让服务器宕机"), ["crash"]);
        assert_eq!(ids("多数派一侧继续"), ["quorum", "majority"]);
        assert_eq!(ids("粘贴这段密钥"), ["repro-key"]);
        assert_eq!(ids("最后提议的事务"), ["proposal"]);
        // Approved terms, ZooKeeper's own words and syntax are fine.
        assert!(ids("另一个提议者用更大的提案编号接手").is_empty());
        assert!(
            ids("领导者发出 PROPOSAL，跟随者回复 ACK，NEWLEADER 与 LEADERINFO 照旧").is_empty()
        );
        assert!(ids("支持 server.N=host:port:port[:observer]。").is_empty());
        assert!(ids("leaders").is_empty());
    }

    #[test]
    fn string_literals_are_found_outside_comments() {
        let src = "// \"no\"\nlet a = '\"'; /* \"no\" */ f::<'static>(\"yes\", \"a\\\"b\");";
        assert_eq!(string_literals(src), ["yes", "a\"b"]);
    }

    /// The learner-visible Chinese of a lesson file, line by line: prose without code spans,
    /// and in live blocks only the values the learner reads (docs/lessons-format.md §2).
    fn lesson_words(text: &str) -> Vec<(usize, String)> {
        const VISIBLE: [&str; 6] = ["question:", "text:", "task:", "hint:", "explain:", "title:"];
        let mut out = Vec::new();
        let mut fence: Option<(usize, bool)> = None;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            let ticks = t.bytes().take_while(|&b| b == b'`').count();
            if ticks >= 3 {
                match fence {
                    Some((n, _)) if ticks >= n && t[ticks..].trim().is_empty() => fence = None,
                    None => {
                        let live = ["lab", "step", "quiz", "exercise"]
                            .iter()
                            .any(|k| t[ticks..].split_whitespace().next() == Some(*k));
                        fence = Some((ticks, live));
                    }
                    _ => {}
                }
                continue;
            }
            let visible = match fence {
                Some((_, false)) => None,
                Some((_, true)) => VISIBLE.iter().find_map(|k| t.strip_prefix(k)).or_else(|| {
                    t.strip_prefix("- ")
                        .and_then(|c| c.split_once(": ").map(|(_, x)| x))
                }),
                None => Some(t),
            };
            if let Some(v) = visible {
                let no_code: String = v.split('`').step_by(2).collect::<Vec<_>>().join(" ");
                out.push((i + 1, no_code.trim().to_string()));
            }
        }
        out
    }

    #[test]
    fn every_zh_lesson_uses_the_glossary_words() {
        let terms = terms();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/zh");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("lessons/zh is readable")
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        assert!(files.len() >= 18);
        let mut found = Vec::new();
        for path in &files {
            let text = std::fs::read_to_string(path).expect("readable lesson");
            for (line, words) in lesson_words(&text) {
                for (id, v) in violations(&words, &terms) {
                    found.push(format!("{}:{line}: {v:?} (glossary {id})", path.display()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "avoided words in zh lessons:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn lesson_words_skip_code_and_keep_what_the_learner_reads() {
        let text = "prose `leader` 领导者\n```text\nLeader\n```\n```quiz\nanswer: leader\n- leader: 领导者\nquestion: 谁是 leader？\n```\n";
        let words: Vec<String> = lesson_words(text).into_iter().map(|(_, w)| w).collect();
        assert_eq!(words, ["prose   领导者", "领导者", "谁是 leader？"]);
        assert_eq!(violations(&words[2], &terms()).len(), 1);
    }

    #[test]
    fn every_zh_string_uses_the_glossary_words() {
        let terms = terms();
        let strings: BTreeSet<String> = zh_strings()
            .into_iter()
            .map(String::from)
            .chain(zh_literals_in_sources())
            .collect();
        let found: Vec<String> = strings
            .iter()
            .flat_map(|s| {
                violations(s, &terms)
                    .into_iter()
                    .map(move |(id, v)| format!("{v:?} (glossary {id}) in {s:?}"))
            })
            .collect();
        assert!(found.is_empty(), "avoided words:\n{}", found.join("\n"));
    }

    #[test]
    fn docs_glossary_md_is_rendered_from_the_glossary() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/glossary.md");
        let want = render_markdown(GLOSSARY, &terms());
        if std::env::var_os("ZOOSCOPE_BLESS").is_some() {
            std::fs::write(path, &want).expect("docs/glossary.md is writable");
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "docs/glossary.md is out of date: ZOOSCOPE_BLESS=1 cargo test -p zooscope-web glossary"
        );
    }
}
