//! Validating an instance against a compiled schema, with the violations explained.

use std::hash::BuildHasherDefault;

use switchboard_model::Span;
use switchboard_model::json::{Kind, Value};

use super::NOT_MESSAGE;
use super::compile::{Additional, CompiledSchema, Node, NodeId, instance_type, type_names};
use super::optimize::type_accepts;
use crate::fast_hash::FastSet;

impl CompiledSchema {
    /// Validates `instance`, returning the violations sorted by position.
    pub(super) fn validate(&self, instance: &Value) -> Vec<Violation> {
        let mut out = Vec::new();
        let v = Validator { schema: self };
        v.check(0, instance, 0, 0, Some(&mut out));
        out.sort_by_key(|e| (e.span.start, e.span.end));
        out.dedup_by(|a, b| a.span == b.span && a.message == b.message);
        let spans: Vec<Span> =
            out.iter().filter(|e| e.message != NOT_MESSAGE).map(|e| e.span).collect();
        out.retain(|e| e.message != NOT_MESSAGE || !spans.contains(&e.span));
        out
    }
}

/// One schema violation.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Violation {
    /// What to point at: the offending value, or the key of a member that is not allowed.
    pub span: Span,
    /// One sentence.
    pub message: String,
    kind: ErrorKind,
    depth: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ErrorKind {
    /// The value has the wrong JSON type.
    Type,
    /// The value is not the one value allowed (`enum` of one, `const`).
    Discriminator,
    Other,
}

struct Validator<'s> {
    schema: &'s CompiledSchema,
}

type Sink<'o> = Option<&'o mut Vec<Violation>>;

impl Validator<'_> {
    /// Whether node `id` states nothing but types and `inst` has one of them: then it is
    /// valid without a call to [`Self::check`] (which would say the same).
    #[inline]
    fn accepts_type_only(&self, id: NodeId, inst: &Value) -> bool {
        matches!(self.schema.type_only.get(id), Some(Some(t)) if type_accepts(*t, inst))
    }

    /// Whether `inst` is valid against node `id`; with a sink, collects every violation
    /// instead of stopping at the first. `hops` counts `$ref`s followed without descending
    /// into the instance (a guard against reference cycles).
    fn check(&self, id: NodeId, inst: &Value, depth: u32, hops: u32, mut out: Sink<'_>) -> bool {
        let Some(s) = self.schema.nodes.get(id) else { return true };
        if hops > 32 {
            return true;
        }
        if s.reject_all {
            push(
                &mut out,
                inst.span,
                "No value is allowed here".to_string(),
                ErrorKind::Other,
                depth,
            );
            return false;
        }
        if let Some(target) = s.reference {
            return self.check(target, inst, depth, hops + 1, out);
        }
        let mut ok = true;
        macro_rules! fail {
            ($span:expr, $kind:expr, $($msg:tt)*) => {{
                ok = false;
                if out.is_none() {
                    return false;
                }
                push(&mut out, $span, format!($($msg)*), $kind, depth);
            }};
        }
        macro_rules! sub {
            ($node:expr, $inst:expr, $depth:expr, $hops:expr) => {{
                if !self.accepts_type_only($node, $inst)
                    && !self.check($node, $inst, $depth, $hops, out.as_deref_mut())
                {
                    ok = false;
                    if out.is_none() {
                        return false;
                    }
                }
            }};
        }

        if s.types != 0 && s.types & instance_type(inst) == 0 {
            // The other keywords would only repeat it. The message is built only when it is
            // collected: validity checks of `anyOf`/`oneOf` branches fail here very often.
            if out.is_some() {
                let message = format!(
                    "The value must be {}, not {}",
                    type_names(s.types),
                    inst.json_type().article_name()
                );
                push(&mut out, inst.span, message, ErrorKind::Type, depth);
            }
            return false;
        }
        if let Some(allowed) = &s.enumeration
            && !in_enum(s, allowed, inst)
        {
            // A single allowed value (`"in": {"enum": ["query"]}`) tells alternatives apart.
            let kind = if allowed.len() == 1 { ErrorKind::Discriminator } else { ErrorKind::Other };
            fail!(
                inst.span,
                kind,
                "{} is not one of the allowed values: {}",
                show(inst),
                list(allowed)
            );
        }
        if let Some(c) = &s.constant
            && !json_eq(c, inst)
        {
            fail!(inst.span, ErrorKind::Discriminator, "The value must be {}", show(c));
        }

        match &inst.kind {
            Kind::Object(o) => {
                for name in &s.required {
                    if o.get(name).is_none() {
                        fail!(inst.span, ErrorKind::Other, "The '{name}' property is required.");
                    }
                }
                let n = count(o.len());
                if let Some(min) = s.min_properties
                    && n < min
                {
                    fail!(
                        inst.span,
                        ErrorKind::Other,
                        "The object must have at least {min} member(s)"
                    );
                }
                if let Some(max) = s.max_properties
                    && n > max
                {
                    fail!(
                        inst.span,
                        ErrorKind::Other,
                        "The object must have at most {max} member(s)"
                    );
                }
                for m in &o.members {
                    let mut matched = false;
                    if let Some(&node) = s.properties.get(m.key.as_str()) {
                        matched = true;
                        sub!(node, &m.value, depth + 1, 0);
                    }
                    for &(p, node) in &s.pattern_properties {
                        if self.schema.patterns.get(p).is_none_or(|p| p.is_match(&m.key)) {
                            matched = true;
                            sub!(node, &m.value, depth + 1, 0);
                        }
                    }
                    if matched {
                        continue;
                    }
                    match s.additional {
                        Additional::Forbidden => {
                            fail!(
                                m.key_span,
                                ErrorKind::Other,
                                "Property '{}' is not allowed here",
                                m.key
                            );
                        }
                        Additional::Schema(node) => sub!(node, &m.value, depth + 1, 0),
                        Additional::Any => {}
                    }
                }
            }
            Kind::Array(items) => {
                let n = count(items.len());
                if let Some(min) = s.min_items
                    && n < min
                {
                    fail!(
                        inst.span,
                        ErrorKind::Other,
                        "The array must have at least {min} item(s)"
                    );
                }
                if let Some(max) = s.max_items
                    && n > max
                {
                    fail!(inst.span, ErrorKind::Other, "The array must have at most {max} item(s)");
                }
                if s.unique_items
                    && let Some(dup) = first_duplicate(items)
                {
                    fail!(
                        items[dup].span,
                        ErrorKind::Other,
                        "Array items must be unique; {} repeats an earlier item",
                        show(&items[dup])
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    let node = match (s.items, s.tuple.get(i)) {
                        (Some(each), _) => Some(each),
                        (None, Some(&t)) => Some(t),
                        (None, None) if !s.tuple.is_empty() => s.additional_items,
                        _ => None,
                    };
                    if let Some(node) = node {
                        sub!(node, item, depth + 1, 0);
                    }
                }
            }
            Kind::String(text) => {
                if s.min_length.is_some() || s.max_length.is_some() {
                    let len = count(text.chars().count());
                    if let Some(min) = s.min_length
                        && len < min
                    {
                        fail!(
                            inst.span,
                            ErrorKind::Other,
                            "The string must be at least {min} character(s) long"
                        );
                    }
                    if let Some(max) = s.max_length
                        && len > max
                    {
                        fail!(
                            inst.span,
                            ErrorKind::Other,
                            "The string must be at most {max} character(s) long"
                        );
                    }
                }
                if let Some((p, source)) = &s.pattern
                    && self.schema.patterns.get(*p).is_some_and(|re| !re.is_match(text))
                {
                    fail!(
                        inst.span,
                        ErrorKind::Other,
                        "{} does not match the pattern '{source}'",
                        show(inst)
                    );
                }
            }
            Kind::Number(_) => {
                if let Some(x) = inst.as_f64() {
                    if let Some((min, exclusive)) = s.minimum
                        && (if exclusive { x <= min } else { x < min })
                    {
                        fail!(
                            inst.span,
                            ErrorKind::Other,
                            "The value must be {} {min}",
                            if exclusive { "greater than" } else { "at least" }
                        );
                    }
                    if let Some((max, exclusive)) = s.maximum
                        && (if exclusive { x >= max } else { x > max })
                    {
                        fail!(
                            inst.span,
                            ErrorKind::Other,
                            "The value must be {} {max}",
                            if exclusive { "less than" } else { "at most" }
                        );
                    }
                    if let Some(m) = s.multiple_of
                        && ((x / m) - (x / m).round()).abs() > 1e-9
                    {
                        fail!(inst.span, ErrorKind::Other, "The value must be a multiple of {m}");
                    }
                }
            }
            _ => {}
        }

        for &node in &s.all_of {
            sub!(node, inst, depth, hops);
        }
        // Most nodes have neither.
        let alternatives = [(&s.any_of, false), (&s.one_of, true)];
        let alternatives =
            if s.any_of.is_empty() && s.one_of.is_empty() { &[][..] } else { &alternatives[..] };
        for &(branches, exactly_one) in alternatives {
            if branches.is_empty() {
                continue;
            }
            // `anyOf` needs one valid branch, `oneOf` needs to know whether there is a second.
            let valid = branches
                .iter()
                .filter(|&&b| {
                    self.accepts_type_only(b, inst) || self.check(b, inst, depth, hops, None)
                })
                .take(if exactly_one { 2 } else { 1 })
                .count();
            if valid == 0 {
                ok = false;
                if out.is_none() {
                    return false;
                }
                self.explain_branches(branches, inst, depth, hops, &mut out);
            } else if exactly_one && valid > 1 {
                fail!(
                    inst.span,
                    ErrorKind::Other,
                    "The value matches more than one of the allowed forms"
                );
            }
        }
        if let Some(not) = s.not
            && self.check(not, inst, depth, hops, None)
        {
            let forbidden_value =
                self.schema.nodes.get(not).is_some_and(|n| n.enumeration.is_some());
            if forbidden_value {
                fail!(inst.span, ErrorKind::Other, "{} is not allowed here", show(inst));
            } else {
                fail!(inst.span, ErrorKind::Other, "{NOT_MESSAGE}");
            }
        }
        ok
    }

    /// Reports why no branch of an `anyOf`/`oneOf` matched: the violations of the branch the
    /// value was most likely meant to match — the one whose discriminating keywords (the
    /// value's type, the single allowed value of a direct member such as `"in": "query"`) it
    /// satisfies, with the fewest violations about the value itself and its direct members,
    /// then the fewest overall — or one summary violation when every branch is ruled out.
    fn explain_branches(
        &self,
        branches: &[NodeId],
        inst: &Value,
        depth: u32,
        hops: u32,
        out: &mut Sink<'_>,
    ) {
        // Candidates are ranked by how many violations concern the value itself or its direct
        // members (a branch whose top-level shape fits has few), then by their total.
        let mut best: Option<((usize, usize), Vec<Violation>)> = None;
        for &b in branches {
            let mut errors = Vec::new();
            self.check(b, inst, depth, hops, Some(&mut errors));
            let ruled_out = errors.iter().any(|e| {
                (e.kind == ErrorKind::Type && e.depth == depth)
                    || (e.kind == ErrorKind::Discriminator && e.depth == depth + 1)
            });
            if ruled_out || errors.is_empty() {
                continue;
            }
            let shallow = errors.iter().filter(|e| e.depth <= depth + 1).count();
            let score = (shallow, errors.len());
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, errors));
            }
        }
        match best {
            Some((_, errors)) => {
                if let Some(out) = out.as_deref_mut() {
                    out.extend(errors);
                }
            }
            None => push(
                out,
                inst.span,
                "The value matches none of the allowed forms".to_string(),
                ErrorKind::Other,
                depth,
            ),
        }
    }
}

/// Whether `inst` is one of the `enum` values of `node`.
fn in_enum(node: &Node, allowed: &[Value], inst: &Value) -> bool {
    match &node.enum_strings {
        // `json_eq` of a string and a value is plain equality with a string value.
        Some(strings) => inst.as_str().is_some_and(|s| strings.iter().any(|a| a == s)),
        None => allowed.iter().any(|a| json_eq(a, inst)),
    }
}

/// A count as a number, for comparison with schema bounds.
fn count(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

fn push(out: &mut Sink<'_>, span: Span, message: String, kind: ErrorKind, depth: u32) {
    if let Some(out) = out.as_deref_mut() {
        out.push(Violation { span, message, kind, depth });
    }
}

/// The index of the first item equal to an earlier one. Arrays of strings (`enum`, `required`
/// lists run to hundreds of values) are checked with a set instead of comparing every pair.
fn first_duplicate(items: &[Value]) -> Option<usize> {
    if items.len() > 8 && items.iter().all(|v| v.as_str().is_some()) {
        // For strings `json_eq` is plain string equality, so a set gives the same answer.
        let mut seen =
            FastSet::with_capacity_and_hasher(items.len(), BuildHasherDefault::default());
        return items.iter().position(|v| !seen.insert(v.as_str()));
    }
    (1..items.len()).find(|&i| items[..i].iter().any(|a| json_eq(a, &items[i])))
}

/// JSON equality (numbers by value, objects regardless of member order).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (Kind::Null, Kind::Null) => true,
        (Kind::Bool(x), Kind::Bool(y)) => x == y,
        (Kind::Number(_), Kind::Number(_)) => a.as_f64() == b.as_f64(),
        (Kind::String(x), Kind::String(y)) => x == y,
        (Kind::Array(x), Kind::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Kind::Object(x), Kind::Object(y)) => {
            x.len() == y.len()
                && x.members.iter().all(|m| y.get(&m.key).is_some_and(|v| json_eq(&m.value, v)))
        }
        _ => false,
    }
}

/// A short rendering of a value for messages.
fn show(v: &Value) -> String {
    match &v.kind {
        Kind::String(s) if s.chars().count() > 60 => {
            format!("'{}…'", s.chars().take(60).collect::<String>())
        }
        Kind::String(s) => format!("'{s}'"),
        Kind::Number(n) => n.to_string(),
        Kind::Bool(b) => b.to_string(),
        Kind::Null => "null".to_string(),
        Kind::Array(_) => "an array".to_string(),
        Kind::Object(_) => "an object".to_string(),
    }
}

fn list(values: &[Value]) -> String {
    let mut shown: Vec<String> = values.iter().take(8).map(show).collect();
    if values.len() > 8 {
        shown.push(format!("… ({} in all)", values.len()));
    }
    shown.join(", ")
}
