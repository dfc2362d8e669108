use std::fmt::Write as _;

use super::*;
use crate::source::Span;

fn kinds(text: &[u8]) -> Vec<JsonIssueKind> {
    parse(text).issues.into_iter().map(|i| i.kind).collect()
}

#[test]
fn parses_strict_json_without_issues() {
    let p = parse(br#"{"a": [1, -2.5e3, true, false, null], "b": {"c": "\u00e9\n\ud83d\ude00"}}"#);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let root = p.root.unwrap();
    assert_eq!(root.get("b").unwrap().get_str("c"), Some("é\n😀"));
    assert_eq!(root.get_array("a").unwrap().len(), 5);
    assert_eq!(root.get_array("a").unwrap()[1].as_f64(), Some(-2500.0));
}

#[test]
fn spans_cover_values_and_keys() {
    let text = br#"{ "key" : "value" }"#;
    let root = parse(text).root.unwrap();
    let m = root.member("key").unwrap();
    assert_eq!(m.key_span, Span::new(2, 7));
    assert_eq!(m.value.span, Span::new(10, 17));
    assert_eq!(root.span, Span::new(0, 19));
}

#[test]
fn byte_order_mark_is_accepted_and_reported() {
    let p = parse(b"\xEF\xBB\xBF{\"a\": 1}");
    assert_eq!(p.issues.len(), 1);
    assert_eq!(p.issues[0].kind, JsonIssueKind::ByteOrderMark);
    assert!(p.root.is_some());
}

#[test]
fn trailing_commas_are_recovered() {
    let p = parse(b"{\"a\": [1, 2,], \"b\": 1,}");
    assert_eq!(p.issues.iter().filter(|i| i.kind == JsonIssueKind::TrailingComma).count(), 2);
    assert_eq!(p.issues[0].span, Span::new(11, 12));
    assert!(p.root.is_some());
}

#[test]
fn comments_are_recovered() {
    let p = parse(b"{\n// note\n\"a\": /* x */ 1}");
    assert_eq!(
        kinds(b"{\n// note\n\"a\": /* x */ 1}"),
        vec![JsonIssueKind::Comment, JsonIssueKind::Comment]
    );
    assert_eq!(p.root.unwrap().get("a").unwrap().as_i64(), Some(1));
}

#[test]
fn control_characters_in_strings_are_recovered() {
    let p = parse(b"{\"a\": \"line\nbreak\ttab\"}");
    assert_eq!(
        p.issues.iter().map(|i| &i.kind).collect::<Vec<_>>(),
        vec![
            &JsonIssueKind::ControlCharacter { code: b'\n' },
            &JsonIssueKind::ControlCharacter { code: b'\t' }
        ]
    );
    assert_eq!(p.issues[0].span, Span::new(11, 12));
    assert_eq!(p.root.unwrap().get_str("a"), Some("line\nbreak\ttab"));
}

#[test]
fn invalid_utf8_reports_the_offset() {
    // "Brønnøysund" in Latin-1: ø is 0xF8.
    let p = parse(b"{\"a\": \"Br\xF8nn\xF8ysund\"}");
    let utf8: Vec<_> =
        p.issues.iter().filter(|i| matches!(i.kind, JsonIssueKind::InvalidUtf8 { .. })).collect();
    assert_eq!(utf8.len(), 2);
    assert_eq!(utf8[0].span, Span::new(9, 10));
    assert_eq!(utf8[0].kind, JsonIssueKind::InvalidUtf8 { byte: 0xF8 });
    assert!(utf8[0].message().contains("offset 9"));
    assert_eq!(p.root.unwrap().get_str("a"), Some("Br\u{FFFD}nn\u{FFFD}ysund"));
}

#[test]
fn duplicate_keys_are_reported_and_last_wins() {
    let p = parse(br#"{"a": 1, "b": 2, "a": 3}"#);
    assert_eq!(p.issues.len(), 1);
    match &p.issues[0].kind {
        JsonIssueKind::DuplicateKey { key, first } => {
            assert_eq!(key, "a");
            assert_eq!(*first, Span::new(1, 4));
        }
        other => panic!("{other:?}"),
    }
    let root = p.root.unwrap();
    assert_eq!(root.get("a").unwrap().as_i64(), Some(3));
    assert_eq!(root.as_object().unwrap().len(), 3);
}

#[test]
fn duplicate_keys_in_large_objects() {
    let mut text = String::from("{");
    for i in 0..40 {
        write!(text, "\"k{i}\": {i},").unwrap();
    }
    text.push_str("\"k7\": 0}");
    let p = parse(text.as_bytes());
    assert_eq!(p.issues.len(), 1, "{:?}", p.issues);
}

#[test]
fn missing_comma_between_members_is_recovered() {
    let p = parse(b"{\"a\": 1\n \"b\": 2}");
    assert_eq!(kinds(b"{\"a\": 1\n \"b\": 2}"), vec![JsonIssueKind::MissingComma]);
    assert_eq!(p.root.unwrap().as_object().unwrap().len(), 2);
}

#[test]
fn unexpected_character_is_fatal_with_position() {
    let p = parse(b"{\n  \"a\": 1,\n  b: 2\n}");
    assert!(p.root.is_none());
    let fatal = p.fatal().unwrap();
    assert_eq!(fatal.span.start, 14);
    assert_eq!(
        fatal.message(),
        "unexpected character 'b', expected a property name in double quotes"
    );
}

#[test]
fn truncated_input_is_fatal() {
    for text in [&b"{\"a\": [1, 2"[..], b"{\"a\": \"abc", b"{\"a\"", b"[", b"{\"a\":"] {
        let p = parse(text);
        assert!(p.root.is_none(), "{text:?}");
        assert!(
            matches!(p.fatal().unwrap().kind, JsonIssueKind::UnexpectedEnd { .. }),
            "{text:?}: {:?}",
            p.issues
        );
    }
}

#[test]
fn empty_and_garbage_inputs_do_not_panic() {
    assert_eq!(kinds(b""), vec![JsonIssueKind::Empty]);
    assert_eq!(kinds(b"  \n"), vec![JsonIssueKind::Empty]);
    for text in [
        &b"}"[..],
        b"]",
        b",",
        b"\xFF",
        b"{\"\\",
        b"\"\\u12",
        b"[1 2]",
        b"{,}",
        b"[,1]",
        b"<<<<<<< HEAD",
    ] {
        let _ = parse(text);
    }
}

#[test]
fn trailing_content_is_fatal() {
    // A stray `}` closes the document early: the tree read so far is not the author's.
    let p = parse(b"{\"a\": 1}\n}\n");
    assert_eq!(kinds(b"{\"a\": 1}\n}\n"), vec![JsonIssueKind::TrailingContent]);
    assert!(p.root.is_none());
}

#[test]
fn numbers_are_validated_but_kept() {
    assert_eq!(kinds(b"[01]"), vec![JsonIssueKind::InvalidNumber]);
    assert_eq!(kinds(b"[1.]"), vec![JsonIssueKind::InvalidNumber]);
    assert_eq!(
        kinds(b"[NaN, -Infinity]"),
        vec![JsonIssueKind::NonFiniteNumber, JsonIssueKind::NonFiniteNumber]
    );
    assert!(kinds(b"[0, -0.5, 1e10, 2E-3, 123456789012345678901234567890]").is_empty());
}

#[test]
fn invalid_escapes_are_recovered() {
    let p = parse(br#"{"a": "x\qy"}"#);
    assert_eq!(p.issues[0].kind, JsonIssueKind::InvalidEscape);
    assert_eq!(p.root.unwrap().get_str("a"), Some("xqy"));
}

#[test]
fn deep_nesting_is_reported_not_overflowed() {
    let text = "[".repeat(100_000);
    let p = parse(text.as_bytes());
    assert_eq!(p.fatal().unwrap().kind, JsonIssueKind::TooDeep);
}

#[test]
fn writer_uses_four_spaces_and_keeps_order() {
    let root = parse(br#"{"z": 1, "a": [true, "x"]}"#).root.unwrap();
    assert_eq!(
        to_pretty_string(&root),
        "{\n    \"z\": 1,\n    \"a\": [\n        true,\n        \"x\"\n    ]\n}\n"
    );
}

#[test]
fn non_ascii_whitespace_is_recovered() {
    // ZohoSign indents with EM SPACE (U+2003).
    let p = parse("{\"a\": 1\n\u{2003}\u{2003}}".as_bytes());
    assert_eq!(
        p.issues.iter().map(|i| &i.kind).collect::<Vec<_>>(),
        vec![
            &JsonIssueKind::NonAsciiWhitespace { ch: '\u{2003}' },
            &JsonIssueKind::NonAsciiWhitespace { ch: '\u{2003}' }
        ]
    );
    assert!(p.root.is_some());
    assert!(p.issues[0].message().contains("U+2003"));
}

#[test]
fn member_lookup_compares_whole_keys_of_every_length() {
    // Keys that share their first and last bytes and differ in between, at each length the
    // inlined comparison treats differently (under 4, 4 to 7, 8 to 16, longer).
    let keys: Vec<String> = (0..40)
        .flat_map(|n| {
            let base = "k".repeat(n);
            let mut odd = base.clone().into_bytes();
            if n >= 3 {
                odd[n / 2] = b'x';
            }
            [base, String::from_utf8(odd).unwrap_or_default()]
        })
        .collect();
    let mut object = Object::new();
    for (i, k) in keys.iter().enumerate() {
        object.insert(k.as_str(), Value::string(i.to_string()));
    }
    for (i, k) in keys.iter().enumerate() {
        let expected = keys.iter().rposition(|other| other == k).unwrap_or(i).to_string();
        assert_eq!(object.get(k).and_then(Value::as_str), Some(expected.as_str()), "key {k:?}");
    }
    assert!(object.get("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk").is_none());
    assert!(object.get("kkkkxkkkkkkkkkkkkkkkkk").is_none());
}
