use std::fmt::Write as _;

use super::*;
use switchboard_model::json::pointer;

fn json(text: &str) -> serde_json::Value {
    serde_json::Value::from(&parse(text).unwrap())
}

#[test]
fn scalars_follow_the_core_schema() {
    let v = json(
        "a: 1\nb: -0012\nc: 1.5e3\nd: .5\ne: true\nf: ~\ng:\nh: '1'\ni: yes\nj: 0x1F\nk: .inf\nl: \"x\"\n200: ok\n",
    );
    assert_eq!(
        v,
        serde_json::json!({"a": 1, "b": -12, "c": 1500.0, "d": 0.5, "e": true, "f": null, "g": null,
            "h": "1", "i": "yes", "j": 31, "k": ".inf", "l": "x", "200": "ok"})
    );
}

#[test]
fn spans_are_bytes_and_pointers_resolve() {
    let text =
        "info:\n  title: Café API\n  version: '1.0'\npaths:\n  /a:\n    get:\n      summary: x\n";
    let root = parse(text).unwrap();
    let v = pointer::resolve(&root, "/paths/~1a/get/summary").unwrap();
    assert_eq!(&text[v.span.start as usize..v.span.end as usize], "x");
    assert_eq!(pointer::pointer_of(&root, v.span), "/paths/~1a/get/summary");
    let version = pointer::resolve(&root, "/info/version").unwrap();
    assert_eq!(&text[version.span.start as usize..version.span.end as usize], "'1.0'");
    let get = pointer::resolve(&root, "/paths/~1a/get").unwrap();
    assert_eq!(pointer::pointer_of(&root, get.span), "/paths/~1a/get");
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let v = json("base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\nlist: [*b]\n");
    assert_eq!(v["use"], serde_json::json!({"x": 1, "y": 2}));
    assert_eq!(v["merged"], serde_json::json!({"x": 1, "y": 3}));
    assert_eq!(v["list"][0]["x"], 1);
}

#[test]
fn errors_are_located() {
    let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
    assert!(err.message.starts_with("invalid YAML"), "{}", err.message);
    let err = parse("? [a]\n: 1\n").unwrap_err();
    assert!(err.message.contains("complex mapping keys"), "{}", err.message);
}

#[test]
fn alias_bombs_are_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        let _ = writeln!(
            text,
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]"
        );
    }
    let err = parse(&text).unwrap_err();
    assert!(err.message.contains("expands to more than"), "{}", err.message);
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let text = "[".repeat(10_000);
    assert!(parse(&text).is_err());
}
