//! Java tokens: identifiers, string and integer literals, and the punctuation the
//! course's statements use.

use super::{Unsupported, STATEMENT_MAX};

/// A token.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    /// An identifier or keyword.
    Ident(String),
    /// A string literal (escapes resolved).
    Str(String),
    /// An integer literal.
    Int(i64),
    /// `->`.
    Arrow,
    /// One punctuation character: `. , ; ( ) = < > [ ] -`.
    Punct(char),
}

/// Split `src` into tokens.
pub fn lex(src: &str) -> Result<Vec<Tok>, Unsupported> {
    if src.len() > STATEMENT_MAX {
        return Err(Unsupported(format!(
            "statements longer than {STATEMENT_MAX} bytes"
        )));
    }
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            if i < chars.len() && (chars[i] == 'L' || chars[i] == 'l') {
                i += 1;
            }
            let v = text
                .parse::<i64>()
                .map_err(|_| Unsupported(format!("the number {text}")))?;
            out.push(Tok::Int(v));
        } else if c == '"' {
            i += 1;
            let mut s = String::new();
            loop {
                match chars.get(i) {
                    None => return Err(Unsupported("an unterminated string literal".into())),
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some('\\') => {
                        let e = chars.get(i + 1).copied();
                        s.push(match e {
                            Some('n') => '\n',
                            Some('t') => '\t',
                            Some('"') => '"',
                            Some('\\') => '\\',
                            Some('\'') => '\'',
                            _ => return Err(Unsupported("that escape in a string literal".into())),
                        });
                        i += 2;
                    }
                    Some(ch) => {
                        s.push(*ch);
                        i += 1;
                    }
                }
            }
            out.push(Tok::Str(s));
        } else if c == '-' && chars.get(i + 1) == Some(&'>') {
            out.push(Tok::Arrow);
            i += 2;
        } else if ".,;()=<>[]-".contains(c) {
            out.push(Tok::Punct(c));
            i += 1;
        } else if "“”‘’".contains(c) {
            return Err(Unsupported(format!(
                "the curly quote {c} (Java strings need straight quotes: \"/app1\")"
            )));
        } else if c == '+' {
            return Err(Unsupported(
                "operators such as + (string concatenation)".into(),
            ));
        } else {
            return Err(Unsupported(format!("the character '{c}'")));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let t = lex(r#"client.create().forPath("/a\"b", 5L) -> x"#).unwrap();
        assert_eq!(t[0], Tok::Ident("client".into()));
        assert!(t.contains(&Tok::Str("/a\"b".into())));
        assert!(t.contains(&Tok::Int(5)));
        assert!(t.contains(&Tok::Arrow));
        assert!(lex("\"open").is_err());
        assert!(lex("a # b").is_err());
        assert!(lex("client.create().forPath(“/app1”)")
            .unwrap_err()
            .0
            .contains("curly"));
    }
}
