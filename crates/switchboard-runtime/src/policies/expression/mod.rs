//! The policy-template expression language (`shared/spec/runtime.md` §3.2).
//!
//! A template-parameter value is a string template: literal text with embedded expressions
//! (`https://@connectionParameters('host')/api`). It is parsed once, when the policy is built,
//! into [`Segment`]s, and evaluated on every call against an [`EvalContext`]. A template that is
//! one bare expression keeps the JSON type of its value; anything else becomes text.

mod eval;
mod parse;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;

pub use eval::{EvalContext, EvalError, to_text};
pub(crate) use parse::relative_path as parse_relative_path;

/// One navigation step after `body()`, `item()` or `triggerBody()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// `.name` or `['name']`.
    Prop(String),
    /// `[n]`.
    Index(usize),
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Prop(p) if is_plain_ident(p) => write!(f, ".{p}"),
            Step::Prop(p) => write!(f, "['{}']", p.replace('\'', "''")),
            Step::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// Whether `s` can be written as `.s` in a navigation path.
fn is_plain_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_nav_char)
}

/// Characters of a `.ident` navigation step (§3.2 rule 4).
fn is_nav_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '$' | '-')
}

/// The value a navigation path starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Root {
    /// `body()`: the JSON body of the current message.
    Body,
    /// `item()`: the current element when a body template runs once per array element.
    Item,
    /// `triggerBody()`: the poll response body (`pollingtrigger`).
    TriggerBody,
}

impl Root {
    /// The function name as written in expressions.
    pub fn function(self) -> &'static str {
        match self {
            Root::Body => "body",
            Root::Item => "item",
            Root::TriggerBody => "triggerBody",
        }
    }
}

/// What an expression computes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprKind {
    /// `connectionParameters('name'[, 'default'])`.
    ConnectionParameter {
        /// The parameter name (`token:` sub-parameters included).
        name: String,
        /// Returned when the parameter is missing or empty.
        default: Option<String>,
    },
    /// `headers('name'[, 'default'])` (`header(…)` accepted).
    Header {
        /// The header name (case-insensitive).
        name: String,
        /// Returned when the header is missing or empty.
        default: Option<String>,
    },
    /// `queryParameters('name'[, 'default'])`.
    QueryParameter {
        /// The query parameter name (case-sensitive).
        name: String,
        /// Returned when the parameter is missing or empty.
        default: Option<String>,
    },
    /// `body()`, `item()` or `triggerBody()` followed by navigation steps.
    Path {
        /// Where navigation starts.
        root: Root,
        /// The steps, in order.
        steps: Vec<Step>,
    },
    /// `Request.OriginalHTTPMethod`: the operation's declared HTTP method.
    OriginalMethod,
    /// `environmentVariables('name')`: parsed so connectors using it load, but this runtime has
    /// no Power Platform environment, so evaluating it fails the call.
    EnvironmentVariable {
        /// The variable name.
        name: String,
    },
}

/// A parsed expression with the text it came from (for error messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    /// What it computes.
    pub kind: ExprKind,
    /// The source text, as written (`@connectionParameters('host')`).
    pub source: String,
}

impl Expr {
    /// The navigation path, when the expression is `body()`, `item()` or `triggerBody()` based.
    pub fn path(&self) -> Option<(Root, &[Step])> {
        match &self.kind {
            ExprKind::Path { root, steps } => Some((*root, steps)),
            _ => None,
        }
    }
}

/// How an expression was written inside a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `@fn(…)`: keeps its JSON type when it is the whole template.
    Bare,
    /// `@{fn(…)}`: always converted to text.
    Text,
    /// `{@fn(…)}`: an embedded reference (`setproperty` values).
    Braced,
}

/// A piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Literal text.
    Literal(String),
    /// An expression.
    Expr {
        /// The expression.
        expr: Expr,
        /// How it was written.
        form: Form,
    },
    /// `{name}`: the value of the operation's parameter `name` (where the template allows it).
    Parameter(String),
}

/// Which optional syntax a template parameter accepts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Syntax {
    /// `{name}` operation-parameter references (`routerequesttoendpoint.newPath`,
    /// `setvaluefromurl.parameterValueUrl`).
    pub parameters: bool,
    /// `{@body()…}` embedded references (`setproperty.propertyValuePathTemplate`).
    pub braced: bool,
}

/// A template could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot parse `{source_text}` at offset {offset}: {reason}")]
pub struct ParseError {
    /// The whole template.
    pub source_text: String,
    /// Byte offset of the problem.
    pub offset: usize,
    /// What is wrong.
    pub reason: String,
}

/// A parsed template-parameter value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    source: String,
    segments: Vec<Segment>,
}

impl Template {
    /// Parses `source` with the optional `syntax` the parameter allows.
    pub fn parse(source: &str, syntax: Syntax) -> Result<Self, ParseError> {
        let segments = parse::segments(source, syntax)?;
        Ok(Self { source: source.to_string(), segments })
    }

    /// The text it was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Its segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The expression, when the whole template is one bare or braced expression (its value
    /// then keeps its JSON type).
    pub fn whole_expr(&self) -> Option<&Expr> {
        match self.segments.as_slice() {
            [Segment::Expr { expr, form: Form::Bare | Form::Braced }] => Some(expr),
            _ => None,
        }
    }

    /// Whether it has no expressions and no parameter references.
    pub fn is_literal(&self) -> bool {
        self.segments.iter().all(|s| matches!(s, Segment::Literal(_)))
    }

    /// Every expression it contains.
    pub fn exprs(&self) -> impl Iterator<Item = &Expr> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Expr { expr, .. } => Some(expr),
            _ => None,
        })
    }

    /// Its value: the JSON value of a whole-template expression, else the text.
    pub fn eval(&self, cx: &EvalContext<'_>) -> Result<serde_json::Value, EvalError> {
        match self.whole_expr() {
            Some(expr) => cx.eval(expr),
            None => self.eval_text(cx).map(serde_json::Value::String),
        }
    }

    /// Its value as text.
    pub fn eval_text(&self, cx: &EvalContext<'_>) -> Result<String, EvalError> {
        self.render(cx, str::to_string)
    }

    /// Its text, with every computed piece (expression or parameter value) passed through
    /// `encode` and literal text kept as written (for paths, where literals are already
    /// encoded and values are not).
    pub fn render(
        &self,
        cx: &EvalContext<'_>,
        encode: impl Fn(&str) -> String,
    ) -> Result<String, EvalError> {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Literal(text) => out.push_str(text),
                Segment::Expr { expr, .. } => out.push_str(&encode(&to_text(&cx.eval(expr)?))),
                Segment::Parameter(name) => out.push_str(&encode(&cx.argument_text(name)?)),
            }
        }
        Ok(out)
    }
}

/// Operation arguments by parameter name (the `{name}` references).
pub type Arguments = BTreeMap<String, serde_json::Value>;
