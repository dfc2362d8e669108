//! Helpers shared by the BX rules: walking the swagger tree with a notion of which keys are
//! names (property, definition, parameter names) and which values are data (examples,
//! defaults), following references, and splitting identifiers into words.

use std::borrow::Cow;

use switchboard_model::json::{Kind, Member, Value};
use switchboard_model::swagger::{Parameter, Response, Swagger};

use crate::{OperationInfo, SwaggerIndex};

/// Keys whose value is data written by the author (an example, a default, an enum), not part of
/// the document's structure: walks for structure skip them.
pub(super) const DATA_KEYS: &[&str] =
    &["example", "examples", "x-example", "x-examples", "default", "x-ms-test-value", "enum"];

/// Keys whose object value maps names to things (property names, definition names, status
/// codes, header names, parameter names): its keys are names, not Swagger keywords.
const NAME_MAP_KEYS: &[&str] = &[
    "properties",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "scopes",
    "headers",
    "patternProperties",
    "paths",
];

/// Visits every member of the tree under `root` in document order. `f(member, is_name)` is
/// told whether the member's key is a name (a member of `properties`, `definitions`,
/// `responses`, …) rather than a keyword; it returns whether to descend into the value.
/// The values of [`DATA_KEYS`] members are never descended into.
pub(super) fn walk_members<'a>(root: &'a Value, f: &mut impl FnMut(&'a Member, bool) -> bool) {
    fn go<'a>(v: &'a Value, names: bool, f: &mut impl FnMut(&'a Member, bool) -> bool) {
        if let Some(items) = v.as_array() {
            for item in items {
                go(item, false, f);
            }
            return;
        }
        for m in v.members() {
            // Only containers have members to visit (most values are scalars).
            if !f(m, names) || !matches!(m.value.kind, Kind::Object(_) | Kind::Array(_)) {
                continue;
            }
            if names {
                go(&m.value, false, f);
            } else if !DATA_KEYS.contains(&m.key.as_str()) {
                let child_names =
                    NAME_MAP_KEYS.contains(&m.key.as_str()) && m.value.as_object().is_some();
                go(&m.value, child_names, f);
            }
        }
    }
    go(root, false, f);
}

/// The keyword members of the document (see [`walk_members`]) named `description`, and
/// those whose key starts with `x` or `X`, in document order, computed in one walk per
/// connector for the rules that read them.
pub(super) fn keyword_members<'s, 'a>(
    sw: &'s SwaggerIndex<'a>,
) -> &'s (Vec<&'a Member>, Vec<&'a Member>) {
    sw.shared.keyword_members.get_or_init(|| {
        let (mut descriptions, mut extensions) = (Vec::new(), Vec::new());
        walk_members(sw.root(), &mut |m, is_name| {
            if !is_name {
                if m.key == "description" {
                    descriptions.push(m);
                } else if m.key.starts_with(['x', 'X']) {
                    extensions.push(m);
                }
            }
            true
        });
        (descriptions, extensions)
    })
}

/// Every `$ref` string in the subtree, including inside data (a `$ref` is a reference wherever
/// it appears).
pub(super) fn for_each_ref<'a>(v: &'a Value, f: &mut impl FnMut(&'a str)) {
    if let Some(items) = v.as_array() {
        for item in items.iter().filter(|i| matches!(i.kind, Kind::Object(_) | Kind::Array(_))) {
            for_each_ref(item, f);
        }
        return;
    }
    for m in v.members() {
        if m.key == "$ref" {
            if let Some(r) = m.value.as_str() {
                f(r);
            }
        } else if matches!(m.value.kind, Kind::Object(_) | Kind::Array(_)) {
            for_each_ref(&m.value, f);
        }
    }
}

/// The section and entry name a local `$ref` points into: `#/definitions/Pet/properties/x` →
/// `("definitions", "Pet")`, with `~1`/`~0` and percent escapes decoded.
pub(super) fn ref_target(reference: &str) -> Option<(&str, Cow<'_, str>)> {
    let rest = reference.strip_prefix("#/")?;
    let (section, tail) = rest.split_once('/')?;
    let name = tail.split('/').next().unwrap_or(tail);
    // Borrowed when there is nothing to decode, as for nearly every reference.
    if !name.contains(['%', '~']) {
        return Some((section, Cow::Borrowed(name)));
    }
    let name = percent_decode(name).replace("~1", "/").replace("~0", "~");
    Some((section, Cow::Owned(name)))
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The schema of the first 2xx response of an operation that has one, `$ref` resolved.
pub(super) fn success_schema<'a>(sw: Swagger<'a>, op: &OperationInfo<'a>) -> Option<&'a Value> {
    op.responses
        .iter()
        .filter(|r| r.is_success())
        .find_map(Response::schema)
        .map(|s| sw.deref(s))
        .filter(|s| s.as_object().is_some())
}

/// The body parameter's schema of an operation, `$ref` resolved.
pub(super) fn body_schema<'a>(sw: Swagger<'a>, op: &OperationInfo<'a>) -> Option<&'a Value> {
    op.params
        .iter()
        .find(|p| p.is_body())
        .and_then(Parameter::schema)
        .map(|s| sw.deref(s))
        .filter(|s| s.as_object().is_some())
}

/// What a schema says about a property name.
#[derive(Clone, Copy, Debug)]
pub(super) enum Lookup<'a> {
    /// Declared (through `properties` or an `allOf` member), with its schema resolved.
    Found(&'a Value),
    /// Certainly not declared: the schema lists its properties and allows no others.
    Absent,
    /// Nothing can be said: no `properties`, `additionalProperties`, a dynamic schema.
    Unknown,
}

/// Looks a property up in an object schema.
pub(super) fn lookup_property<'a>(sw: Swagger<'a>, schema: &'a Value, name: &str) -> Lookup<'a> {
    match lookup(sw, schema, name, 0) {
        Ok(Some(found)) => Lookup::Found(found),
        Ok(None) => Lookup::Absent,
        Err(()) => Lookup::Unknown,
    }
}

fn lookup<'a>(
    sw: Swagger<'a>,
    schema: &'a Value,
    name: &str,
    depth: usize,
) -> Result<Option<&'a Value>, ()> {
    let schema = sw.deref(schema);
    if depth > 16 {
        return Err(());
    }
    let properties = schema.get("properties").filter(|p| p.as_object().is_some());
    if let Some(p) = properties.and_then(|p| p.get(name)) {
        return Ok(Some(sw.deref(p)));
    }
    let mut open = schema.get("additionalProperties").is_some_and(|a| a.as_bool() != Some(false))
        || schema.get("x-ms-dynamic-schema").is_some()
        || schema.get("x-ms-dynamic-properties").is_some();
    let all = schema.get_array("allOf").unwrap_or_default();
    for member in all {
        match lookup(sw, member, name, depth + 1) {
            Ok(Some(found)) => return Ok(Some(found)),
            Ok(None) => {}
            Err(()) => open = true,
        }
    }
    if properties.is_none() && all.is_empty() {
        open = true;
    }
    if open { Err(()) } else { Ok(None) }
}

/// The words of an identifier: `GetTaskById` → `["Get", "Task", "By", "Id"]`,
/// `create_task` → `["create", "task"]`, `HTTPStatus` → `["HTTP", "Status"]`.
pub(super) fn identifier_words(id: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in id.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
        let chars: Vec<(usize, char)> = part.char_indices().collect();
        let mut start = 0;
        for i in 1..chars.len() {
            let (at, c) = chars[i];
            let prev = chars[i - 1].1;
            let next_lower = chars.get(i + 1).is_some_and(|(_, n)| n.is_lowercase());
            let boundary = (c.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit()))
                || (c.is_uppercase() && prev.is_uppercase() && next_lower);
            if boundary {
                out.push(&part[start..at]);
                start = at;
            }
        }
        out.push(&part[start..]);
    }
    out
}

/// Whether `s` contains a URL (`http://`, `https://` or `www.`, any case).
pub(super) fn contains_url(s: &str) -> bool {
    // Byte searches for `:` and `w`/`W` rather than `str::match_indices`, whose substring
    // searcher costs more to set up than most descriptions take to scan.
    let b = s.as_bytes();
    let scheme = memchr::memchr_iter(b':', b).any(|i| {
        let before = &b[..i];
        let ends = |w: &[u8]| {
            before.len() >= w.len() && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
        };
        b[i + 1..].starts_with(b"//") && (ends(b"http") || ends(b"https"))
    });
    scheme || has_www(b)
}

/// `www.`, `WWW.` or `Www.` at the start of a word and followed by a letter or digit.
fn has_www(b: &[u8]) -> bool {
    memchr::memchr2_iter(b'w', b'W', b).any(|i| {
        let at = &b[i..];
        (at.starts_with(b"www.") || at.starts_with(b"WWW.") || at.starts_with(b"Www."))
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + 4).is_some_and(u8::is_ascii_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_identifiers() {
        assert_eq!(identifier_words("GetTaskById"), ["Get", "Task", "By", "Id"]);
        assert_eq!(identifier_words("create_task"), ["create", "task"]);
        assert_eq!(identifier_words("HTTPStatusCode"), ["HTTP", "Status", "Code"]);
        assert_eq!(identifier_words("AddonGetRecords"), ["Addon", "Get", "Records"]);
        assert_eq!(identifier_words("ListV2"), ["List", "V2"]);
        assert!(identifier_words("").is_empty());
    }

    #[test]
    fn ref_targets() {
        assert_eq!(ref_target("#/definitions/Pet"), Some(("definitions", "Pet".into())));
        assert_eq!(
            ref_target("#/definitions/My%20Pet/properties/a"),
            Some(("definitions", "My Pet".into()))
        );
        assert_eq!(ref_target("#/definitions/a~1b"), Some(("definitions", "a/b".into())));
        assert_eq!(ref_target("other.json#/x"), None);
    }

    #[test]
    fn urls() {
        assert!(contains_url("See https://example.org for details"));
        assert!(contains_url("Go to WWW.example.org"));
        assert!(!contains_url("The wwwroot folder"));
        assert!(!contains_url("A plain description."));
    }
}
