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
    pub(crate) name: char,
    pub(crate) has_arg: bool,
}

pub(crate) const fn flag(name: char) -> Spec {
    Spec {
        name,
        has_arg: false,
    }
}

pub(crate) const fn with_arg(name: char) -> Spec {
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
    opts: Vec<(char, Option<String>)>,
}

impl Parsed {
    pub(crate) fn has(&self, c: char) -> bool {
        self.opts.iter().any(|(n, _)| *n == c)
    }

    /// `getOptionValue`: the first value given for the option.
    pub(crate) fn value(&self, c: char) -> Option<&str> {
        self.opts
            .iter()
            .filter(|(n, _)| *n == c)
            .find_map(|(_, v)| v.as_deref())
    }
}

fn spec_of(specs: &[Spec], name: &str) -> Option<Spec> {
    let mut it = name.chars();
    let c = it.next()?;
    if it.next().is_some() {
        return None;
    }
    specs.iter().copied().find(|s| s.name == c)
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
        && s.parse::<f64>().is_ok()
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
            .is_some_and(|c| specs.iter().any(|s| s.name == c))
}

fn unrecognized(t: &str) -> String {
    format!("org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: {t}")
}

fn missing(c: char) -> String {
    format!("org.apache.commons.cli.MissingArgumentException: Missing argument for option: {c}")
}

fn strip_outer_quotes(t: &str) -> String {
    if t.len() > 1 && t.starts_with('"') && t.ends_with('"') && !t[1..t.len() - 1].contains('"') {
        t[1..t.len() - 1].to_string()
    } else {
        t.to_string()
    }
}

/// Parse `tokens` against `specs`. `Err` is the exception text zkCli prints.
pub(crate) fn parse(specs: &[Spec], tokens: &[String]) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    // Index into p.opts of an option still waiting for its value.
    let mut pending: Option<usize> = None;
    let mut skip = false;
    for token in tokens {
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
                    let Some(s) = specs.iter().copied().find(|s| s.name == *c) else {
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
    }
    if let Some(i) = pending {
        return Err(missing(p.opts[i].0));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn parses_like_commons_cli() {
        let specs = [flag('s'), with_arg('v')];
        let p = parse(&specs, &toks("set -s -v 3 /a x")).unwrap();
        assert_eq!(p.args, vec!["set", "/a", "x"]);
        assert!(p.has('s'));
        assert_eq!(p.value('v'), Some("3"));
        let p = parse(&specs, &toks("set -v -1 /a x")).unwrap();
        assert_eq!(p.value('v'), Some("-1"));
        let p = parse(&specs, &toks("set -sv5 /a x")).unwrap();
        assert_eq!(p.value('v'), Some("5"));
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
