//! Path-template facts shared by the path rules.

use serde_json::Value as JsonValue;
use switchboard_diagnostics::{Edit, Fix};
use switchboard_model::Span;

/// What is wrong with the braces of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum TemplateProblem {
    /// A `{` without its `}`.
    Unclosed,
    /// A `}` without its `{`.
    Stray,
    /// A `{` inside a variable.
    Nested,
    /// A variable containing `/`.
    CrossesSegment(String),
    /// `{}`.
    Empty,
}

impl TemplateProblem {
    /// The problem as a clause for messages.
    pub(super) fn describe(&self) -> String {
        match self {
            TemplateProblem::Unclosed => "a '{' is never closed".into(),
            TemplateProblem::Stray => "a '}' has no matching '{'".into(),
            TemplateProblem::Nested => "a '{' appears inside a variable".into(),
            TemplateProblem::CrossesSegment(v) => {
                format!("the variable '{{{v}}}' spans more than one segment")
            }
            TemplateProblem::Empty => "a variable has no name ('{}')".into(),
        }
    }
}

/// The first problem with the braces of `template`, if any.
pub(super) fn template_problem(template: &str) -> Option<TemplateProblem> {
    let mut open: Option<usize> = None;
    // Braces and `/` are ASCII, so byte offsets are character boundaries.
    for (i, b) in template.bytes().enumerate() {
        match (b, open) {
            (b'{', Some(_)) => return Some(TemplateProblem::Nested),
            (b'{', None) => open = Some(i),
            (b'}', None) => return Some(TemplateProblem::Stray),
            (b'}', Some(start)) => {
                let name = template.get(start + 1..i).unwrap_or_default();
                if name.is_empty() {
                    return Some(TemplateProblem::Empty);
                }
                if name.contains('/') {
                    return Some(TemplateProblem::CrossesSegment(name.to_string()));
                }
                open = None;
            }
            _ => {}
        }
    }
    open.map(|_| TemplateProblem::Unclosed)
}

/// The contents of the `{…}` variables of a template, in order (unclosed ones excluded).
pub(super) fn variables(template: &str) -> impl Iterator<Item = &str> {
    let mut rest = template;
    std::iter::from_fn(move || {
        let start = rest.find('{')?;
        let len = rest[start + 1..].find('}')?;
        let name = &rest[start + 1..start + 1 + len];
        rest = &rest[start + 2 + len..];
        Some(name)
    })
}

/// The placeholder that replaces every variable in a [`normalized`] template.
pub(super) const VAR: &str = "{}";

/// The template as the platform compares it: lowercase, every `{var}` replaced by `{}`,
/// trailing `/` removed (`/Items/{id}/` → `/items/{}`).
pub(super) fn normalized(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        push_lowercase(&mut out, &rest[..open]);
        out.push_str(VAR);
        // An unclosed variable swallows the rest (SW054 reports it).
        rest = rest[open..].find('}').map_or("", |close| &rest[open + close + 1..]);
    }
    push_lowercase(&mut out, rest);
    let trimmed = out.trim_end_matches('/').len();
    out.truncate(trimmed);
    out
}

fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// Whether the segment `pattern` (of a normalized template, may contain `{}`) can match the
/// static segment `text`; each variable matches one or more characters.
pub(super) fn segment_matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split(VAR);
    let first = parts.next().unwrap_or_default();
    let Some(mut last) = parts.next() else { return pattern == text };
    let Some(mut rest) = text.strip_prefix(first) else { return false };
    for part in parts {
        // `last` is a middle part: at least one character for the variable before it, then
        // its leftmost occurrence.
        let Some(skip) = rest.chars().next().map(char::len_utf8) else { return false };
        let Some(at) = rest[skip..].find(last) else { return false };
        rest = &rest[skip + at + last.len()..];
        last = part;
    }
    rest.len() > last.len() && rest.ends_with(last)
}

/// A fix replacing the JSON string at `span` (a value or a key, quotes included) with `text`.
pub(super) fn replace_string(span: Span, text: &str, message: impl Into<String>) -> Fix {
    let replacement = serde_json::to_string(&JsonValue::String(text.to_string()))
        .unwrap_or_else(|_| format!("\"{text}\""));
    Fix { message: message.into(), edits: vec![Edit { span, replacement }] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems() {
        assert_eq!(template_problem("/a/{id}/b/{x}"), None);
        assert_eq!(template_problem("/a/{id"), Some(TemplateProblem::Unclosed));
        assert_eq!(template_problem("/a/id}"), Some(TemplateProblem::Stray));
        assert_eq!(template_problem("/a/{{id}}"), Some(TemplateProblem::Nested));
        assert_eq!(template_problem("/a/{}"), Some(TemplateProblem::Empty));
        assert_eq!(
            template_problem("/a/{id/x}"),
            Some(TemplateProblem::CrossesSegment("id/x".into()))
        );
    }

    #[test]
    fn variables_and_normal_form() {
        assert_eq!(variables("/a/{id}/{x=1}.json").collect::<Vec<_>>(), ["id", "x=1"]);
        assert_eq!(normalized("/Items/{itemId}//"), "/items/{}");
        assert_eq!(normalized("/a/{x}.{ext}"), "/a/{}.{}");
        assert_eq!(normalized("/"), "");
        assert_eq!(normalized("/Élan/{a{b}c}/{open"), "/élan/{}c}/{}");
    }

    #[test]
    fn segment_matching() {
        assert!(segment_matches("{}", "search"));
        assert!(segment_matches("{}.json", "list.json"));
        assert!(!segment_matches("{}.json", ".json"));
        assert!(segment_matches("v{}", "v2"));
        assert!(!segment_matches("v{}", "x2"));
        assert!(segment_matches("{}-{}", "a-b"));
        assert!(!segment_matches("{}-{}", "ab"));
        assert!(segment_matches("items", "items"));
    }
}
