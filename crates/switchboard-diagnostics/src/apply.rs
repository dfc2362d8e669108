//! Applying fixes to a file's bytes, as `switchboard validate --fix` does.
//!
//! Fixes come from different rules and may touch the same bytes (a rule renaming a key, another
//! re-indenting its line). As with ESLint and `cargo fix`, the fixes are taken in file order
//! and a fix is applied whole or not at all: one whose edits overlap an edit already taken is
//! left for the next pass, run after the file has been checked again.

use std::collections::BTreeMap;

use crate::{Edit, Fix};

/// What [`apply`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// The new content.
    pub bytes: Vec<u8>,
    /// How many of the fixes were applied.
    pub fixes: usize,
    /// How many were left because they overlap one applied (or reach past the end).
    pub deferred: usize,
}

/// Applies every fix of `fixes` (all edits to the file `bytes`) that does not overlap one taken
/// before it; fixes are taken in order of their first edit.
pub fn apply(bytes: &[u8], fixes: &[&Fix]) -> Applied {
    let mut order: Vec<&Fix> = fixes.iter().copied().filter(|f| !f.edits.is_empty()).collect();
    order.sort_by_key(|f| f.edits.iter().map(|e| (e.span.start, e.span.end)).min());
    // The edits taken, by start: they never overlap, so at most one starts at an offset and
    // only the neighbours of a new edit can overlap it (a re-indenting fix has an edit per
    // line, which a check against every edit taken would make quadratic).
    let mut taken: BTreeMap<u32, &Edit> = BTreeMap::new();
    let mut result = Applied::default();
    for fix in order {
        let mut edits: Vec<&Edit> = fix.edits.iter().collect();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let fits = edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end as usize <= bytes.len()
                && !taken.range(..=e.span.start).next_back().is_some_and(|(_, t)| overlap(t, e))
                && !taken.range(e.span.start + 1..).next().is_some_and(|(_, t)| overlap(t, e))
        }) && edits.windows(2).all(|w| !overlap(w[0], w[1]));
        if fits {
            taken.extend(edits.into_iter().map(|e| (e.span.start, e)));
            result.fixes += 1;
        } else {
            result.deferred += 1;
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0usize;
    for e in taken.values() {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        out.extend_from_slice(&bytes[at..start]);
        out.extend_from_slice(e.replacement.as_bytes());
        at = end;
    }
    out.extend_from_slice(&bytes[at..]);
    result.bytes = out;
    result
}

/// Whether two edits touch the same bytes; two insertions at one offset also count (their
/// order would be a guess).
fn overlap(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    if a.is_empty() || b.is_empty() {
        return a.start == b.start
            || (a.start > b.start && a.start < b.end)
            || (b.start > a.start && b.start < a.end);
    }
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_model::Span;

    fn fix(edits: &[(u32, u32, &str)]) -> Fix {
        Fix {
            message: "fix".into(),
            edits: edits
                .iter()
                .map(|&(s, e, r)| Edit { span: Span::new(s, e), replacement: r.into() })
                .collect(),
        }
    }

    #[test]
    fn separate_fixes_are_all_applied() {
        let a = fix(&[(1, 4, "XY")]);
        let b = fix(&[(6, 6, "+"), (8, 9, "")]);
        let applied = apply(b"0123456789", &[&b, &a]);
        assert_eq!(String::from_utf8_lossy(&applied.bytes), "0XY45+679");
        assert_eq!((applied.fixes, applied.deferred), (2, 0));
    }

    #[test]
    fn an_overlapping_fix_waits_for_the_next_pass() {
        let first = fix(&[(2, 5, "ab")]);
        let overlapping = fix(&[(4, 7, "cd"), (9, 10, "!")]);
        let touching = fix(&[(5, 6, "-")]);
        let applied = apply(b"0123456789", &[&overlapping, &touching, &first]);
        // The overlapping fix is left whole: its second edit is not applied either.
        assert_eq!(String::from_utf8_lossy(&applied.bytes), "01ab-6789");
        assert_eq!((applied.fixes, applied.deferred), (2, 1));
    }

    #[test]
    fn insertions_at_one_offset_and_edits_past_the_end_are_deferred() {
        let a = fix(&[(3, 3, "a")]);
        let b = fix(&[(3, 3, "b")]);
        let past = fix(&[(8, 20, "")]);
        let applied = apply(b"0123456789", &[&a, &b, &past]);
        assert_eq!(String::from_utf8_lossy(&applied.bytes), "012a3456789");
        assert_eq!((applied.fixes, applied.deferred), (1, 2));
        assert_eq!(apply(b"abc", &[]).bytes, b"abc");
    }

    #[test]
    fn a_fix_with_an_edit_per_line_is_checked_against_its_neighbours() {
        // 20,000 lines indented by one space; the fix removes each indent.
        let text = " x\n".repeat(20_000);
        let reindent = Fix {
            message: "re-indent".into(),
            edits: (0..20_000u32)
                .map(|i| Edit { span: Span::new(3 * i, 3 * i + 1), replacement: String::new() })
                .collect(),
        };
        let rename = fix(&[(1, 2, "y")]);
        let clash = fix(&[(29_997, 29_998, "")]);
        let applied = apply(text.as_bytes(), &[&clash, &reindent, &rename]);
        assert_eq!((applied.fixes, applied.deferred), (2, 1));
        let out = String::from_utf8_lossy(&applied.bytes);
        assert!(out.starts_with("y\nx\nx\n"), "{}", &out[..12]);
        assert_eq!(out.len(), 2 * 20_000);
    }
}
