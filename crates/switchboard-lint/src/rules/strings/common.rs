//! Helpers shared by the string rules: a walk over the objects of the swagger that carry
//! connector text, skipping sample data.

use switchboard_model::json::{Kind, Value};

/// Members whose values are sample data (examples, test values, defaults, enums), not text
/// the connector author wrote for users; their strings are not checked as titles or
/// descriptions even when they have such keys.
const DATA_KEYS: &[&str] = &["example", "examples", "x-ms-test-value", "default", "enum"];

/// Calls `f` for every object of the tree under `root`, `root` included, except those inside
/// sample data. Depth is bounded by the parser's nesting limit.
pub(crate) fn for_each_text_object<'a>(root: &'a Value, f: &mut impl FnMut(&'a Value)) {
    match &root.kind {
        Kind::Object(o) => {
            f(root);
            for m in &o.members {
                if !DATA_KEYS.contains(&m.key.as_str()) {
                    for_each_text_object(&m.value, f);
                }
            }
        }
        Kind::Array(items) => items.iter().for_each(|v| for_each_text_object(v, f)),
        _ => {}
    }
}

/// ASCII replacements for the typographic characters that usually make a string non-ASCII.
pub(crate) fn ascii_replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => "\"",
        '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{202F}' => " ",
        '\u{200B}' | '\u{FEFF}' => "",
        '\u{2022}' => "*",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn walk_skips_sample_data() {
        let v = Value::from(
            json!({"a": {"description": "x"}, "example": {"description": "y"}, "l": [{"b": 1}]}),
        );
        let mut n = 0;
        for_each_text_object(&v, &mut |_| n += 1);
        assert_eq!(n, 3);
    }

    #[test]
    fn replacements() {
        assert_eq!(ascii_replacement('\u{2019}'), Some("'"));
        assert_eq!(ascii_replacement('é'), None);
    }
}
