//! Template parsing, following the rules of `shared/spec/runtime.md` §3.2:
//! `@` starts an expression only before a known function name or `{`; arguments are
//! single-quoted strings; a function call ends at its `)`, except that `body()`, `item()` and
//! `triggerBody()` continue with `.ident`, `['…']` and `[n]` navigation.

use super::{Expr, ExprKind, Form, ParseError, Root, Segment, Step, Syntax, is_nav_char};

/// The name of the method expression, matched case-insensitively.
const ORIGINAL_METHOD: &str = "Request.OriginalHTTPMethod";

pub(super) fn segments(source: &str, syntax: Syntax) -> Result<Vec<Segment>, ParseError> {
    let mut p = Parser { src: source, pos: 0 };
    let mut out = Vec::new();
    let mut literal = String::new();
    while let Some(c) = p.peek() {
        let start = p.pos;
        let segment = match c {
            '@' => p.at_sign()?,
            '{' if syntax.braced && p.rest()[1..].trim_start().starts_with('@') => {
                Some(p.braced(Form::Braced)?)
            }
            '{' if syntax.parameters => p.parameter(),
            _ => None,
        };
        if let Some(s) = segment {
            if !literal.is_empty() {
                out.push(Segment::Literal(std::mem::take(&mut literal)));
            }
            out.push(s);
        } else {
            p.pos = start + c.len_utf8();
            literal.push(c);
        }
    }
    if !literal.is_empty() {
        out.push(Segment::Literal(literal));
    }
    Ok(out)
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn error(&self, offset: usize, reason: impl Into<String>) -> ParseError {
        ParseError { source_text: self.src.to_string(), offset, reason: reason.into() }
    }

    /// At `@`: an expression (`@fn…` or `@{…}`), or `None` when the `@` is literal text.
    fn at_sign(&mut self) -> Result<Option<Segment>, ParseError> {
        let start = self.pos;
        self.pos += 1;
        if self.peek() == Some('{') {
            self.pos = start;
            return self.braced(Form::Text).map(Some);
        }
        let expr = self.function(start)?;
        if expr.is_none() {
            self.pos = start;
        }
        Ok(expr.map(|expr| Segment::Expr { expr, form: Form::Bare }))
    }

    /// `@{ expr }` (`form` Text) or `{ @expr }` (`form` Braced); the cursor is on the `@` or `{`.
    fn braced(&mut self, form: Form) -> Result<Segment, ParseError> {
        let start = self.pos;
        if form == Form::Text {
            self.pos += 1; // '@'
        }
        self.pos += 1; // '{'
        self.skip_ws();
        let at = self.eat('@');
        if form == Form::Braced && !at {
            return Err(self.error(self.pos, "expected `@` after `{`"));
        }
        let Some(mut expr) = self.function(start)? else {
            return Err(self.error(self.pos, "expected an expression inside braces"));
        };
        self.skip_ws();
        if !self.eat('}') {
            return Err(self.error(self.pos, "expected `}` to close the expression"));
        }
        expr.source = self.src[start..self.pos].to_string();
        Ok(Segment::Expr { expr, form })
    }

    /// `{name}`: an operation-parameter reference, or `None` (literal `{`).
    fn parameter(&mut self) -> Option<Segment> {
        let rest = &self.rest()[1..];
        let end = rest.find('}')?;
        let name = &rest[..end];
        let valid =
            !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || "{@'\"/?&=".contains(c));
        if !valid {
            return None;
        }
        self.pos += end + 2;
        Some(Segment::Parameter(name.to_string()))
    }

    /// A function call at the cursor (just after `@`, or inside braces); `expr_start` is where
    /// its source text starts. `None` when no known function starts here (nothing consumed).
    fn function(&mut self, expr_start: usize) -> Result<Option<Expr>, ParseError> {
        let name_start = self.pos;
        if let Some(head) = self.rest().get(..ORIGINAL_METHOD.len())
            && head.eq_ignore_ascii_case(ORIGINAL_METHOD)
            && !self.rest()[ORIGINAL_METHOD.len()..].starts_with(|c: char| is_nav_char(c))
        {
            self.pos += ORIGINAL_METHOD.len();
            return Ok(Some(self.expr(expr_start, ExprKind::OriginalMethod)));
        }
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            self.bump();
        }
        let name = &self.src[name_start..self.pos];
        let lower = name.to_ascii_lowercase();
        if self.peek() != Some('(') {
            // Tolerated typo: `@body.prop` for `@body().prop` (§3.2 rule 7).
            if lower == "body" && self.rest().starts_with('.') {
                let steps = self.navigation();
                if !steps.is_empty() {
                    return Ok(Some(
                        self.expr(expr_start, ExprKind::Path { root: Root::Body, steps }),
                    ));
                }
            }
            self.pos = name_start;
            return Ok(None);
        }
        if name.is_empty() {
            self.pos = name_start;
            return Ok(None);
        }
        let args_at = self.pos;
        self.pos += 1; // '('
        let args = self.arguments()?;
        let arity = |min: usize, max: usize| {
            if args.len() < min || args.len() > max {
                let want = if min == max { min.to_string() } else { format!("{min} or {max}") };
                Err(self.error(
                    args_at,
                    format!("`{name}` takes {want} argument(s), found {}", args.len()),
                ))
            } else {
                Ok(())
            }
        };
        let named = |args: &[String]| (args[0].clone(), args.get(1).cloned());
        let kind = match lower.as_str() {
            "connectionparameters" => {
                arity(1, 2)?;
                let (name, default) = named(&args);
                ExprKind::ConnectionParameter { name, default }
            }
            "headers" | "header" => {
                arity(1, 2)?;
                let (name, default) = named(&args);
                ExprKind::Header { name, default }
            }
            "queryparameters" => {
                arity(1, 2)?;
                let (name, default) = named(&args);
                ExprKind::QueryParameter { name, default }
            }
            "environmentvariables" => {
                arity(1, 1)?;
                ExprKind::EnvironmentVariable { name: args[0].clone() }
            }
            "body" | "item" | "triggerbody" => {
                arity(0, 0)?;
                let root = match lower.as_str() {
                    "body" => Root::Body,
                    "item" => Root::Item,
                    _ => Root::TriggerBody,
                };
                ExprKind::Path { root, steps: self.navigation() }
            }
            _ => {
                // A call to an unknown function is almost always a typo (`@queryParamters`);
                // sending it as literal text would silently change the request.
                return Err(self.error(name_start, format!("unknown function `{name}`")));
            }
        };
        Ok(Some(self.expr(expr_start, kind)))
    }

    fn expr(&self, start: usize, kind: ExprKind) -> Expr {
        Expr { kind, source: self.src[start..self.pos].to_string() }
    }

    /// Quoted arguments up to and including `)`; the cursor is after `(`.
    fn arguments(&mut self) -> Result<Vec<String>, ParseError> {
        let mut args = Vec::new();
        self.skip_ws();
        if self.eat(')') {
            return Ok(args);
        }
        loop {
            self.skip_ws();
            args.push(self.quoted()?);
            self.skip_ws();
            if self.eat(')') {
                return Ok(args);
            }
            if !self.eat(',') {
                return Err(self.error(self.pos, "expected `,` or `)` after an argument"));
            }
        }
    }

    /// A single-quoted string (`''` inside is one quote); typographic quotes count as `'`.
    fn quoted(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        if !matches!(self.bump(), Some('\'' | '‘' | '’')) {
            return Err(self.error(start, "arguments must be single-quoted strings"));
        }
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(self.error(start, "unterminated string")),
                Some('\'') if self.peek() == Some('\'') => {
                    self.bump();
                    out.push('\'');
                }
                Some('\'' | '’' | '‘') => return Ok(out),
                Some(c) => out.push(c),
            }
        }
    }

    /// Navigation steps after `body()`, `item()` or `triggerBody()`; stops (consuming nothing
    /// more) at the first text that is not a step.
    fn navigation(&mut self) -> Vec<Step> {
        let mut steps = Vec::new();
        loop {
            let save = self.pos;
            if self.eat('.') {
                let from = self.pos;
                while self.peek().is_some_and(is_nav_char) {
                    self.bump();
                }
                if self.pos > from {
                    steps.push(Step::Prop(self.src[from..self.pos].to_string()));
                    continue;
                }
            } else if self.eat('[') {
                if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    let from = self.pos;
                    while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        self.bump();
                    }
                    if let Ok(n) = self.src[from..self.pos].parse()
                        && self.eat(']')
                    {
                        steps.push(Step::Index(n));
                        continue;
                    }
                } else if let Ok(name) = self.quoted()
                    && self.eat(']')
                {
                    steps.push(Step::Prop(name));
                    continue;
                }
            }
            self.pos = save;
            return steps;
        }
    }
}

/// Parses a relative body path (`resourceLink`, `['@odata.type']`, `a.b[0]`) into steps; empty
/// and `"null"` (the schema default) mean the parent itself.
pub(crate) fn relative_path(source: &str) -> Result<Vec<Step>, String> {
    let trimmed = source.trim();
    if trimmed.is_empty() || trimmed == "null" {
        return Ok(Vec::new());
    }
    let mut p = Parser { src: trimmed, pos: 0 };
    let mut steps = Vec::new();
    let mut first = true;
    while p.peek().is_some() {
        if p.peek() == Some('[') {
            let before = p.pos;
            let mut nav = p.navigation();
            if nav.is_empty() {
                return Err(format!("bad bracket step at offset {before} of `{source}`"));
            }
            steps.append(&mut nav);
        } else {
            if !first && !p.eat('.') {
                return Err(format!("expected `.` or `[` at offset {} of `{source}`", p.pos));
            }
            // Property names here may hold any character but `.` and `[` (`@odata`).
            let from = p.pos;
            while p.peek().is_some_and(|c| c != '.' && c != '[') {
                p.bump();
            }
            if p.pos == from {
                return Err(format!("empty property name at offset {from} of `{source}`"));
            }
            steps.push(Step::Prop(trimmed[from..p.pos].to_string()));
        }
        first = false;
    }
    Ok(steps)
}
