//! Option parsing as Apache Commons CLI 1.5's `DefaultParser` does it for zkCli's
//! commands (short options only, each with or without one argument).
//!
//! Tokens are read left to right: after an option that takes an argument, the next
//! token is its value unless it looks like a known option (numbers such as `-1` still
//! count as values); `-sw` bundles flags; `-v5` attaches a value; `--` ends option
//! parsing; an unknown `-x` is an error; everything else (the command name included) is
//! a positional argument. The error texts are the `ParseException.toString()` zkCli
//! prints.

/// One option a command accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spec {
    pub(crate) name: &'static str,
    pub(crate) has_arg: bool,
}

pub(crate) const fn flag(name: &'static str) -> Spec {
    Spec {
        name,
        has_arg: false,
    }
}

pub(crate) const fn with_arg(name: &'static str) -> Spec {
    Spec {
        name,
        has_arg: true,
    }
}

/// A parsed command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// Positional arguments, the command name first.
    pub(crate) args: Vec<String>,
    opts: Vec<(&'static str, Option<String>)>,
}

impl Parsed {
    /// Was the option given?
    pub(crate) fn has(&self, name: &str) -> bool {
        self.opts.iter().any(|(n, _)| *n == name)
    }

    /// `getOptionValue`: the first value given for the option.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.opts
            .iter()
            .filter(|(n, _)| *n == name)
            .find_map(|(_, v)| v.as_deref())
    }
}

fn spec_of(specs: &[Spec], name: &str) -> Option<Spec> {
    specs.iter().copied().find(|s| s.name == name)
}

fn spec_of_char(specs: &[Spec], c: char) -> Option<Spec> {
    let mut buf = [0u8; 4];
    spec_of(specs, c.encode_utf8(&mut buf))
}

/// `Double.parseDouble` accepts it (approximately: decimal forms with an optional
/// `d`/`f` suffix, `NaN`, `Infinity`).
fn is_java_double(t: &str) -> bool {
    let s = t.trim();
    let s = s.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(s);
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body == "NaN" || body == "Infinity" {
        return true;
    }
    !body.is_empty()
        && body.bytes().any(|b| b.is_ascii_digit())
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && is_decimal_literal(s)
}

/// What `str::parse::<f64>` accepts among strings of digits, `.`, `e`/`E` and signs:
/// `[+-]? (D+ (. D*)? | . D+) ([eE] [+-]? D+)?`. Checked by hand because the parser
/// itself (with its 10 KB table of powers of five) is otherwise dead weight in the
/// bundle; a test compares the two on every string of up to six such characters.
fn is_decimal_literal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if i < b.len() && matches!(b[i], b'+' | b'-') {
        i += 1;
    }
    let mut mantissa = digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

fn is_short_option(specs: &[Spec], t: &str) -> bool {
    if !t.starts_with('-') || t.chars().count() == 1 {
        return false;
    }
    let body = &t[1..];
    let name = body.split('=').next().unwrap_or("");
    spec_of(specs, name).is_some()
        || name
            .chars()
            .next()
            .is_some_and(|c| spec_of_char(specs, c).is_some())
}

fn unrecognized(t: &str) -> String {
    format!("org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: {t}")
}

fn missing(c: &str) -> String {
    format!("org.apache.commons.cli.MissingArgumentException: Missing argument for option: {c}")
}

fn strip_outer_quotes(t: &str) -> String {
    if t.len() > 1 && t.starts_with('"') && t.ends_with('"') && !t[1..t.len() - 1].contains('"') {
        t[1..t.len() - 1].to_string()
    } else {
        t.to_string()
    }
}

/// Options that exclude each other (`OptionGroup`), with their descriptions.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Group {
    pub(crate) members: &'static [(&'static str, &'static str)],
    pub(crate) required: bool,
}

/// Parse `tokens` against `specs`. `Err` is the exception text zkCli prints.
pub(crate) fn parse(specs: &[Spec], tokens: &[String]) -> Result<Parsed, String> {
    parse_grouped(specs, None, tokens)
}

/// Parse with an option group: a second member is `AlreadySelectedException`, none of
/// a required group is `MissingOptionException`.
pub(crate) fn parse_grouped(
    specs: &[Spec],
    group: Option<Group>,
    tokens: &[String],
) -> Result<Parsed, String> {
    let p = parse_tokens(specs, group, tokens)?;
    if let Some(g) = group {
        let selected = p
            .opts
            .iter()
            .any(|(c, _)| g.members.iter().any(|(m, _)| m == c));
        if g.required && !selected {
            let items: Vec<String> = g.members.iter().map(|(c, d)| format!("-{c} {d}")).collect();
            return Err(format!(
                "org.apache.commons.cli.MissingOptionException: Missing required option: [{}]",
                items.join(", ")
            ));
        }
    }
    Ok(p)
}

/// `OptionGroup.setSelected` for the options added since `from`.
fn check_group(
    p: &Parsed,
    group: Option<Group>,
    from: usize,
    selected: &mut Option<&'static str>,
) -> Result<(), String> {
    let Some(g) = group else {
        return Ok(());
    };
    for (c, _) in &p.opts[from..] {
        if !g.members.iter().any(|(m, _)| m == c) {
            continue;
        }
        match *selected {
            Some(s) if s != *c => {
                return Err(format!(
                    "org.apache.commons.cli.AlreadySelectedException: The option '{c}' was \
                     specified but an option from this group has already been selected: '{s}'"
                ))
            }
            _ => *selected = Some(*c),
        }
    }
    Ok(())
}

fn parse_tokens(specs: &[Spec], group: Option<Group>, tokens: &[String]) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let mut selected: Option<&'static str> = None;
    // Index into p.opts of an option still waiting for its value.
    let mut pending: Option<usize> = None;
    let mut skip = false;
    for token in tokens {
        let before = p.opts.len();
        let t = token.as_str();
        if skip {
            p.args.push(token.clone());
        } else if t == "--" {
            skip = true;
        } else if pending.is_some() && (!is_short_option(specs, t) || is_java_double(t)) {
            if let Some(i) = pending.take() {
                p.opts[i].1 = Some(strip_outer_quotes(t));
            }
        } else if t.starts_with("--") {
            return Err(unrecognized(t));
        } else if t.starts_with('-') && t != "-" {
            let body = &t[1..];
            if let Some(eq) = body.find('=') {
                let (name, value) = (&body[..eq], &body[eq + 1..]);
                match spec_of(specs, name) {
                    Some(s) if s.has_arg => {
                        if let Some(i) = pending.take() {
                            return Err(missing(p.opts[i].0));
                        }
                        p.opts.push((s.name, Some(value.to_string())));
                    }
                    _ => return Err(unrecognized(t)),
                }
            } else if let Some(s) = spec_of(specs, body) {
                if let Some(i) = pending.take() {
                    return Err(missing(p.opts[i].0));
                }
                p.opts.push((s.name, None));
                if s.has_arg {
                    pending = Some(p.opts.len() - 1);
                }
            } else {
                // Bundled flags (`-sw`) or an attached value (`-v5`).
                let chars: Vec<char> = body.chars().collect();
                for (i, c) in chars.iter().enumerate() {
                    let Some(s) = spec_of_char(specs, *c) else {
                        return Err(unrecognized(t));
                    };
                    if let Some(j) = pending.take() {
                        return Err(missing(p.opts[j].0));
                    }
                    p.opts.push((s.name, None));
                    if s.has_arg {
                        if i + 1 < chars.len() {
                            let rest: String = chars[i + 1..].iter().collect();
                            let last = p.opts.len() - 1;
                            p.opts[last].1 = Some(rest);
                            break;
                        }
                        pending = Some(p.opts.len() - 1);
                    }
                }
            }
        } else {
            p.args.push(token.clone());
        }
        check_group(&p, group, before, &mut selected)?;
    }
    if let Some(i) = pending {
        return Err(missing(p.opts[i].0));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_literals_are_what_f64_parsing_accepts() {
        let alphabet = ['0', '7', '.', 'e', 'E', '+', '-'];
        let mut words = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.len() == words.last().map_or(0, String::len))
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        for w in &words {
            assert_eq!(is_decimal_literal(w), w.parse::<f64>().is_ok(), "{w:?}");
        }
    }

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn parses_like_commons_cli() {
        let specs = [flag("s"), with_arg("v")];
        let p = parse(&specs, &toks("set -s -v 3 /a x")).unwrap();
        assert_eq!(p.args, vec!["set", "/a", "x"]);
        assert!(p.has("s"));
        assert_eq!(p.value("v"), Some("3"));
        let p = parse(&specs, &toks("set -v -1 /a x")).unwrap();
        assert_eq!(p.value("v"), Some("-1"));
        let p = parse(&specs, &toks("set -sv5 /a x")).unwrap();
        assert_eq!(p.value("v"), Some("5"));
        assert_eq!(
            parse(&specs, &toks("set -x /a")),
            Err(
                "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x"
                    .into()
            )
        );
        assert_eq!(
            parse(&specs, &toks("set -v")),
            Err(
                "org.apache.commons.cli.MissingArgumentException: Missing argument for option: v"
                    .into()
            )
        );
        assert_eq!(
            parse(&specs, &toks("set -v -s")),
            Err(
                "org.apache.commons.cli.MissingArgumentException: Missing argument for option: v"
                    .into()
            )
        );
        let p = parse(&specs, &toks("set -- -s")).unwrap();
        assert_eq!(p.args, vec!["set", "-s"]);
        let p = parse(&specs, &toks("set - x")).unwrap();
        assert_eq!(p.args, vec!["set", "-", "x"]);
    }
}
