//! `$ref` resolution inside the source document (local references only: a connector is one
//! file, and the importer reads nothing but the file it is given).

use switchboard_diagnostics::Severity;
use switchboard_model::json::{Value, pointer};

use super::{Conv, codes};

/// Longest chain of references followed before giving up (a loop).
const MAX_HOPS: usize = 32;

/// The JSON pointer of a local reference (`#/a/b%20c` → `/a/b c`); `None` when external.
pub fn local_pointer(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    Some(percent_decode(fragment))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
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

impl<'s> Conv<'s> {
    /// Follows `$ref` until a node without one; reports and returns `None` when a reference is
    /// external, dangling or loops.
    pub(super) fn deref(&mut self, node: &'s Value) -> Option<&'s Value> {
        let mut node = node;
        for _ in 0..MAX_HOPS {
            let Some(r) = node.get("$ref") else { return Some(node) };
            let text = r.as_str().unwrap_or("");
            let target = local_pointer(text).and_then(|p| pointer::resolve(&self.src.root, &p));
            if let Some(t) = target {
                node = t;
            } else {
                let why = if text.starts_with('#') {
                    "does not resolve"
                } else {
                    "points outside this file"
                };
                self.loss_help(
                    codes::REF,
                    Severity::Warning,
                    format!("reference `{text}` {why}; what it describes was dropped"),
                    r.span,
                    "bundle the document into one file first (for example with `redocly bundle`)",
                );
                return None;
            }
        }
        self.loss(codes::REF, Severity::Warning, "a chain of references loops; dropped", node.span);
        None
    }
}
