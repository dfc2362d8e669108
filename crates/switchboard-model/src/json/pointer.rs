//! RFC 6901 JSON pointers: building them, resolving them, and finding the pointer of a span.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::value::{Kind, Value};
use crate::source::Span;

/// Appends one escaped reference token (`~` → `~0`, `/` → `~1`) to `out`, preceded by `/`.
pub fn push_token(out: &mut String, token: &str) {
    out.push('/');
    // Most tokens are short and have nothing to escape: copy them whole (this runs for every
    // diagnostic).
    if !token.bytes().any(|b| b == b'~' || b == b'/') {
        out.push_str(token);
        return;
    }
    let mut rest = token;
    while let Some(at) = memchr::memchr2(b'~', b'/', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        out.push_str(if rest.as_bytes()[at] == b'~' { "~0" } else { "~1" });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Builds a pointer from unescaped tokens: `["paths", "/a/{id}", "get"]` → `/paths/~1a~1{id}/get`.
pub fn from_tokens<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in tokens {
        push_token(&mut out, t);
    }
    out
}

/// Splits a pointer into unescaped tokens; `None` unless it is empty or starts with `/`.
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    Some(token_iter(pointer)?.map(Cow::into_owned).collect())
}

/// The unescaped tokens of a pointer, borrowed unless they contain an escape; `None` unless
/// the pointer is empty or starts with `/`.
pub fn token_iter(pointer: &str) -> Option<impl Iterator<Item = Cow<'_, str>>> {
    let rest = if pointer.is_empty() { None } else { Some(pointer.strip_prefix('/')?) };
    Some(rest.into_iter().flat_map(|r| r.split('/')).map(unescape))
}

fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Resolves a pointer against a tree.
pub fn resolve<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = root;
    for token in token_iter(pointer)? {
        node = match &node.kind {
            Kind::Object(o) => o.get(&token)?,
            Kind::Array(items) => {
                if token.starts_with('+') || (token.len() > 1 && token.starts_with('0')) {
                    return None;
                }
                items.get(token.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
    }
    Some(node)
}

/// The pointer of the deepest value or member whose span encloses `span`.
///
/// A key span yields the pointer of its member. Descends by binary search on spans, so the cost
/// is O(depth · log width).
pub fn pointer_of(root: &Value, span: Span) -> String {
    // Room for a typical pointer, so that it is not reallocated token by token.
    let mut out = String::with_capacity(96);
    let mut node = root;
    loop {
        match &node.kind {
            Kind::Object(o) => {
                let i = o.members.partition_point(|m| m.key_span.start <= span.start);
                let Some(m) = i.checked_sub(1).map(|i| &o.members[i]) else { break };
                let member_span = Span::new(m.key_span.start, m.value.span.end);
                if !member_span.contains(span) {
                    break;
                }
                push_token(&mut out, &m.key);
                if !m.value.span.contains(span) {
                    break;
                }
                node = &m.value;
            }
            Kind::Array(items) => {
                let i = items.partition_point(|v| v.span.start <= span.start);
                let Some((index, item)) = i.checked_sub(1).map(|i| (i, &items[i])) else { break };
                if !item.span.contains(span) {
                    break;
                }
                let _ = write!(out, "/{index}");
                node = item;
            }
            _ => break,
        }
        if node.span == span {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn pointer_round_trip() {
        let text = br#"{"paths": {"/a/{id}": {"get": {"parameters": [{"name": "id"}, {"name": "x~y"}]}}}}"#;
        let root = parse(text).root.unwrap();
        let p = "/paths/~1a~1{id}/get/parameters/1/name";
        let v = resolve(&root, p).unwrap();
        assert_eq!(v.as_str(), Some("x~y"));
        assert_eq!(pointer_of(&root, v.span), p);
        // A key span maps to its member.
        let params = resolve(&root, "/paths/~1a~1{id}/get").unwrap();
        let key = params.member("parameters").unwrap().key_span;
        assert_eq!(pointer_of(&root, key), "/paths/~1a~1{id}/get/parameters");
        assert_eq!(pointer_of(&root, root.span), "");
        assert_eq!(from_tokens(["a/b", "c~d"]), "/a~1b/c~0d");
        assert_eq!(tokens("/a~1b/c~0d").unwrap(), vec!["a/b", "c~d"]);
        assert!(resolve(&root, "/paths/nope").is_none());
    }
}
