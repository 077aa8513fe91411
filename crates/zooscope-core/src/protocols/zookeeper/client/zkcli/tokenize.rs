//! zkCli's line splitting: `ZooKeeperMain.MyCommandOptions.parseCommand`.
//!
//! Java applies `\s*([^"']\S*|"[^"]*"|'[^']*')\s*` with `Matcher.find()` and strips one
//! pair of matching outer quotes from each token. The regex backtracks: when a token
//! cannot start at a quote (no closing quote), the leading `\s*` gives back a space and
//! `[^"']` takes it, so a lone space becomes a token. We reproduce that search by hand
//! (no regex engine needed in the wasm build).

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r')
}

/// Try to match the group at `q`; returns the end of the group.
fn group_at(chars: &[char], q: usize) -> Option<usize> {
    let c = *chars.get(q)?;
    if c != '"' && c != '\'' {
        let mut e = q + 1;
        while e < chars.len() && !is_ws(chars[e]) {
            e += 1;
        }
        return Some(e);
    }
    let close = chars[q + 1..].iter().position(|&x| x == c)?;
    Some(q + 1 + close + 1)
}

/// Split a command line into arguments, as zkCli does.
pub fn tokenize(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some((token, next)) = find_from(&chars, pos) {
        out.push(strip_quotes(token));
        pos = next;
    }
    out
}

/// `Matcher.find()` from `pos`: the group's text and where the match ends.
fn find_from(chars: &[char], pos: usize) -> Option<(String, usize)> {
    for start in pos..chars.len() {
        let mut ws_end = start;
        while ws_end < chars.len() && is_ws(chars[ws_end]) {
            ws_end += 1;
        }
        // Greedy \s*, then backtrack one character at a time.
        for q in (start..=ws_end).rev() {
            if let Some(end) = group_at(chars, q) {
                let token: String = chars[q..end].iter().collect();
                let mut e = end;
                while e < chars.len() && is_ws(chars[e]) {
                    e += 1;
                }
                return Some((token, e));
            }
        }
    }
    None
}

/// `^(['"])(.*)(\1)$` with Java's `.` (no line terminators).
fn strip_quotes(t: String) -> String {
    let chars: Vec<char> = t.chars().collect();
    if chars.len() >= 2 {
        let (f, l) = (chars[0], chars[chars.len() - 1]);
        let inner = &chars[1..chars.len() - 1];
        let dot_ok = !inner
            .iter()
            .any(|c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'));
        if (f == '"' || f == '\'') && f == l && dot_ok {
            return inner.iter().collect();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_zkcli() {
        assert_eq!(tokenize("ls /"), vec!["ls", "/"]);
        assert_eq!(
            tokenize("create /a \"two words\""),
            vec!["create", "/a", "two words"]
        );
        assert_eq!(
            tokenize("create /a 'x y' z"),
            vec!["create", "/a", "x y", "z"]
        );
        assert_eq!(tokenize("set    /d    spaced"), vec!["set", "/d", "spaced"]);
        assert_eq!(tokenize("create /ws\ttab"), vec!["create", "/ws", "tab"]);
        assert_eq!(tokenize("create /\"q\""), vec!["create", "/\"q\""]);
        assert_eq!(tokenize("ls \"\""), vec!["ls", ""]);
        // A whitespace-only line yields a single-space token (regex backtracking).
        assert_eq!(tokenize("   "), vec![" "]);
        assert_eq!(tokenize(""), Vec::<String>::new());
    }
}
