//! A recursive-descent parser for one statement: a declaration `Type name = expr`, or
//! an expression made of literals, names, field reads, method calls, `new T(...)`,
//! casts and one-parameter lambdas. A trailing `;` is optional.

use super::lex::{lex, Tok};
use super::{Unsupported, DEPTH_MAX};

/// An expression.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Expr {
    /// `"..."`.
    Str(String),
    /// `42`.
    Int(i64),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A variable or class name.
    Name(String),
    /// `expr.field`.
    Field(Box<Expr>, String),
    /// `expr.method(args)`.
    Call(Box<Expr>, String, Vec<Expr>),
    /// `new Type(args)`.
    New(String, Vec<Expr>),
    /// `(Type) expr`.
    Cast(String, Box<Expr>),
    /// `param -> body`.
    Lambda(String, Box<Expr>),
}

/// A statement.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Stmt {
    /// `Type name [= init]`.
    Decl {
        /// The type as written (`Stat`, `byte[]`, `List<String>`).
        ty: String,
        /// The variable.
        name: String,
        /// Its initial value.
        init: Option<Expr>,
    },
    /// An expression statement.
    Expr(Expr),
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

fn word(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn at(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.pos + k)
    }

    fn is(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }

    fn eat(&mut self, c: char) -> Result<(), Unsupported> {
        if self.is(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Unsupported(format!("expected '{c}' {}", self.here())))
        }
    }

    fn here(&self) -> String {
        match self.peek() {
            None => "at the end of the statement".into(),
            Some(t) => format!("before {}", show(t)),
        }
    }

    fn ident(&mut self) -> Result<String, Unsupported> {
        match self.peek() {
            Some(Tok::Ident(s)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(s)
            }
            _ => Err(Unsupported(format!("expected a name {}", self.here()))),
        }
    }

    /// A type at the cursor: `Name`, `a.b.Name`, `Name<...>`, `Name[]`; returns its text
    /// and the number of tokens, without moving.
    fn type_len(&self) -> Option<(String, usize)> {
        let mut k = 0;
        let mut text = String::new();
        loop {
            text.push_str(word(self.at(k))?);
            k += 1;
            if self.at(k) == Some(&Tok::Punct('.')) && word(self.at(k + 1)).is_some() {
                text.push('.');
                k += 1;
            } else {
                break;
            }
        }
        if self.at(k) == Some(&Tok::Punct('<')) {
            let mut depth = 0;
            loop {
                match self.at(k)? {
                    Tok::Punct('<') => depth += 1,
                    Tok::Punct('>') => depth -= 1,
                    Tok::Ident(_) | Tok::Punct(',') | Tok::Punct('.') => {}
                    _ => return None,
                }
                text.push_str(&show_raw(self.at(k)?));
                k += 1;
                if depth == 0 {
                    break;
                }
            }
        }
        while self.at(k) == Some(&Tok::Punct('[')) && self.at(k + 1) == Some(&Tok::Punct(']')) {
            text.push_str("[]");
            k += 2;
        }
        Some((text, k))
    }

    fn statement(&mut self) -> Result<Stmt, Unsupported> {
        if let Some((ty, k)) = self.type_len() {
            if let (Some(Tok::Ident(name)), next) = (self.at(k), self.at(k + 1)) {
                if matches!(next, None | Some(Tok::Punct('=')) | Some(Tok::Punct(';'))) {
                    let name = name.clone();
                    self.pos += k + 1;
                    let init = if self.is('=') {
                        self.pos += 1;
                        Some(self.expr()?)
                    } else {
                        None
                    };
                    return Ok(Stmt::Decl { ty, name, init });
                }
            }
        }
        Ok(Stmt::Expr(self.expr()?))
    }

    fn expr(&mut self) -> Result<Expr, Unsupported> {
        self.depth += 1;
        if self.depth > DEPTH_MAX {
            return Err(Unsupported(format!("nesting deeper than {DEPTH_MAX}")));
        }
        let r = self.expr_inner();
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self) -> Result<Expr, Unsupported> {
        // param -> body
        if let (Some(Tok::Ident(p)), Some(Tok::Arrow)) = (self.peek(), self.at(1)) {
            let p = p.clone();
            self.pos += 2;
            return Ok(Expr::Lambda(p, Box::new(self.expr()?)));
        }
        // (Type) expr
        if self.is('(') {
            if let Some((ty, k)) = {
                self.pos += 1;
                let t = self.type_len();
                self.pos -= 1;
                t
            } {
                if self.at(k + 1) == Some(&Tok::Punct(')'))
                    && matches!(
                        self.at(k + 2),
                        Some(Tok::Ident(_)) | Some(Tok::Str(_)) | Some(Tok::Punct('('))
                    )
                {
                    self.pos += k + 2;
                    return Ok(Expr::Cast(ty, Box::new(self.expr()?)));
                }
            }
        }
        self.postfix()
    }

    fn args(&mut self) -> Result<Vec<Expr>, Unsupported> {
        self.eat('(')?;
        let mut args = Vec::new();
        if self.is(')') {
            self.pos += 1;
            return Ok(args);
        }
        loop {
            args.push(self.expr()?);
            if self.is(',') {
                self.pos += 1;
            } else {
                self.eat(')')?;
                return Ok(args);
            }
        }
    }

    fn postfix(&mut self) -> Result<Expr, Unsupported> {
        let mut e = self.primary()?;
        while self.is('.') {
            self.pos += 1;
            let name = self.ident()?;
            if self.is('(') {
                let args = self.args()?;
                e = Expr::Call(Box::new(e), name, args);
            } else {
                e = Expr::Field(Box::new(e), name);
            }
        }
        Ok(e)
    }

    fn primary(&mut self) -> Result<Expr, Unsupported> {
        let t = self
            .peek()
            .cloned()
            .ok_or_else(|| Unsupported("an empty expression".into()))?;
        self.pos += 1;
        match t {
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Int(v) => Ok(Expr::Int(v)),
            Tok::Punct('-') => match self.peek() {
                Some(Tok::Int(v)) => {
                    let v = -*v;
                    self.pos += 1;
                    Ok(Expr::Int(v))
                }
                _ => Err(Unsupported("'-' other than before a number".into())),
            },
            Tok::Punct('(') => {
                let e = self.expr()?;
                self.eat(')')?;
                Ok(e)
            }
            Tok::Ident(w) => match w.as_str() {
                "null" => Ok(Expr::Null),
                "true" => Ok(Expr::Bool(true)),
                "false" => Ok(Expr::Bool(false)),
                "new" => {
                    self.pos -= 0;
                    let (ty, k) = self
                        .type_len()
                        .ok_or_else(|| Unsupported(format!("'new' {}", self.here())))?;
                    self.pos += k;
                    if !self.is('(') {
                        return Err(Unsupported(format!("'new {ty}' without (...) (arrays)")));
                    }
                    let args = self.args()?;
                    Ok(Expr::New(ty, args))
                }
                _ => {
                    if self.is('(') {
                        return Err(Unsupported(format!("calling '{w}(...)' without an object")));
                    }
                    Ok(Expr::Name(w))
                }
            },
            other => Err(Unsupported(format!("{} here", show(&other)))),
        }
    }
}

fn show_raw(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => s.clone(),
        Tok::Str(s) => format!("\"{s}\""),
        Tok::Int(v) => v.to_string(),
        Tok::Arrow => "->".into(),
        Tok::Punct(c) => c.to_string(),
    }
}

fn show(t: &Tok) -> String {
    format!("'{}'", show_raw(t))
}

/// Parse one statement.
pub fn parse(src: &str) -> Result<Stmt, Unsupported> {
    let mut toks = lex(src)?;
    while toks.last() == Some(&Tok::Punct(';')) {
        toks.pop();
    }
    if toks.is_empty() {
        return Err(Unsupported("an empty statement".into()));
    }
    if toks.contains(&Tok::Punct(';')) {
        return Err(Unsupported("more than one statement on a line".into()));
    }
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let s = p.statement()?;
    if let Some(t) = p.peek() {
        return Err(Unsupported(format!("{} after the statement", show(t))));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_forms() {
        let s =
            parse(r#"client.create().withMode(CreateMode.EPHEMERAL).forPath("/app3")"#).unwrap();
        assert!(matches!(s, Stmt::Expr(Expr::Call(_, ref m, _)) if m == "forPath"));
        let d = parse("Stat stat = new Stat();").unwrap();
        assert!(matches!(d, Stmt::Decl { ref ty, ref name, .. } if ty == "Stat" && name == "stat"));
        let d = parse(r#"byte[] data = client.getData().forPath("/app2")"#).unwrap();
        assert!(matches!(d, Stmt::Decl { ref ty, .. } if ty == "byte[]"));
        let d = parse(r#"List<String> kids = client.getChildren().forPath("/")"#).unwrap();
        assert!(matches!(d, Stmt::Decl { ref ty, .. } if ty == "List<String>"));
        let w = parse(
            r#"client.getData().usingWatcher((CuratorWatcher) e -> System.out.println(e)).forPath("/bg")"#,
        );
        assert!(w.is_ok(), "{w:?}");
        assert!(matches!(parse("stat"), Ok(Stmt::Expr(Expr::Name(_)))));
        assert!(parse("client.delete().withVersion(-1)").is_ok());
    }

    #[test]
    fn bad_statements_are_errors() {
        for bad in [
            "",
            ";",
            "a b c",
            "client.create(",
            "foo()",
            "x = = 1",
            "a; b",
            "new int[3]",
            "\"x",
            "((((((",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
