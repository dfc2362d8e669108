use serde_json::{Value, json};

use super::parse::relative_path;
use super::*;
use crate::{Connection, Headers};

struct Fixture {
    connection: Connection,
    headers: Headers,
    query: Vec<(String, String)>,
    body: Value,
    arguments: Arguments,
}

/// The values of the documented worked examples (§3.2): headers `test=foo, port=1234`,
/// connection parameters `cat=bar, subPath=path`, query `domain=pqr`.
fn fixture() -> Fixture {
    let mut headers = Headers::new();
    headers.append("test", "foo");
    headers.append("port", "1234");
    let connection: Connection =
        serde_json::from_value(json!({"cat": "bar", "subPath": "path", "n": 5, "empty": ""}))
            .unwrap();
    Fixture {
        connection,
        headers,
        query: vec![("domain".into(), "pqr".into())],
        body: json!({"data": [{"created_time": "2024-01-01T00:00:00+0000", "n": 3}, null],
                     "@odata.etag": "W/\"1\"", "obj": {"a": [1, 2]}, "nothing": null}),
        arguments: [("id".to_string(), json!("a/b c")), ("n".to_string(), json!(7))].into(),
    }
}

impl Fixture {
    fn cx(&self) -> EvalContext<'_> {
        EvalContext {
            connection: &self.connection,
            headers: &self.headers,
            query: &self.query,
            body: Some(&self.body),
            item: None,
            trigger_body: Some(&self.body),
            original_method: "patch",
            arguments: &self.arguments,
        }
    }

    fn text(&self, template: &str) -> String {
        let syntax = Syntax { parameters: true, braced: true };
        Template::parse(template, syntax).unwrap().eval_text(&self.cx()).unwrap()
    }

    fn value(&self, template: &str) -> Value {
        Template::parse(template, Syntax::default()).unwrap().eval(&self.cx()).unwrap()
    }

    fn error(&self, template: &str) -> EvalError {
        Template::parse(template, Syntax::default()).unwrap().eval(&self.cx()).unwrap_err()
    }
}

#[test]
fn documented_worked_examples() {
    let f = fixture();
    let cases = [
        ("https://@header('test').abc.xyz:@header('port')", "https://foo.abc.xyz:1234"),
        ("https://@connectionParameters('cat').abc.xyz", "https://bar.abc.xyz"),
        (
            "https://@header('test').abc.@queryParameters('domain')/@connectionParameters('subPath')",
            "https://foo.abc.pqr/path",
        ),
        ("https://@header('test123', 'default').abc.xyz", "https://default.abc.xyz"),
        ("@headers('test')moo", "foomoo"),
        ("moo@headers('test')", "moofoo"),
        ("@connectionParameters('name', '')", ""),
        ("@queryParameters('domain')@connectionParameters('cat')", "pqrbar"),
        ("@connectionParameters('dog', 'default')", "default"),
    ];
    for (template, expected) in cases {
        assert_eq!(f.text(template), expected, "{template}");
    }
}

#[test]
fn whole_value_expressions_keep_their_json_type() {
    let f = fixture();
    assert_eq!(f.value("@connectionParameters('n')"), json!(5));
    assert_eq!(f.value("@body().obj"), json!({"a": [1, 2]}));
    assert_eq!(f.value("@body().data[0].n"), json!(3));
    assert_eq!(f.value("@body()['@odata.etag']"), json!("W/\"1\""));
    // Embedded or `@{…}` expressions become text.
    assert_eq!(f.value("n=@connectionParameters('n')"), json!("n=5"));
    assert_eq!(f.value("@{body().data[0].n}"), json!("3"));
    assert_eq!(f.value("@{ triggerBody().obj }"), json!("{\"a\":[1,2]}"));
    assert_eq!(f.value("@Request.OriginalHTTPMethod"), json!("PATCH"));
}

#[test]
fn function_names_ignore_case_and_typographic_quotes_are_accepted() {
    let f = fixture();
    assert_eq!(f.text("https://@ConnectionParameters('cat').x"), "https://bar.x");
    assert_eq!(f.text("@headers(‘test’)"), "foo");
    assert_eq!(f.text("@request.originalhttpmethod"), "PATCH");
}

#[test]
fn a_default_replaces_missing_and_empty_values_only() {
    let f = fixture();
    assert_eq!(f.text("@connectionParameters('empty', 'd')"), "d");
    assert_eq!(f.text("@connectionParameters('empty')"), "");
    assert_eq!(f.text("@connectionParameters('cat', 'd')"), "bar");
    assert_eq!(f.text("@queryParameters('nope', 'd')"), "d");
}

#[test]
fn at_signs_that_start_no_expression_are_literal() {
    let f = fixture();
    assert_eq!(f.text("@odata.nextLink"), "@odata.nextLink");
    assert_eq!(f.text("user@example.com"), "user@example.com");
    assert_eq!(f.text("@"), "@");
    // After a function call the expression ends at `)`: `.abc` is text (§3.2 rule 3).
    assert_eq!(f.text("@headers('test').abc"), "foo.abc");
    // A trailing dot with no name after it is text too.
    assert_eq!(f.text("@body().data[0].n."), "3.");
}

#[test]
fn body_typo_without_parentheses_is_tolerated() {
    assert_eq!(fixture().value("@body.obj.a[1]"), json!(2));
}

#[test]
fn parameters_and_braced_references_parse_where_allowed() {
    let f = fixture();
    assert_eq!(f.text("/items/{id}/n/{n}"), "/items/a/b c/n/7");
    assert_eq!(f.text("{@body().data[0].n}-{@body()['@odata.etag']}"), "3-W/\"1\"");
    let plain = Template::parse("/items/{id}", Syntax::default()).unwrap();
    assert!(plain.is_literal());
    let braced = Template::parse("{@body().obj}", Syntax { braced: true, ..Syntax::default() });
    assert_eq!(braced.unwrap().whole_expr().map(|e| e.source.as_str()), Some("{@body().obj}"));
    // `render` encodes computed pieces only.
    let t = Template::parse("/a%20b/{id}", Syntax { parameters: true, ..Syntax::default() });
    let rendered = t.unwrap().render(&f.cx(), crate::message::encode_path_segment).unwrap();
    assert_eq!(rendered, "/a%20b/a%2Fb%20c");
}

#[test]
fn parse_errors_name_the_problem() {
    let err = |s: &str| Template::parse(s, Syntax::default()).unwrap_err().reason;
    assert_eq!(err("@queryParamters('x')"), "unknown function `queryParamters`");
    assert_eq!(err("@headers(x)"), "arguments must be single-quoted strings");
    assert_eq!(err("@headers('x'"), "expected `,` or `)` after an argument");
    assert_eq!(err("@headers('x)"), "unterminated string");
    assert_eq!(err("@body('x')"), "`body` takes 0 argument(s), found 1");
    assert_eq!(err("@{body().x"), "expected `}` to close the expression");
    assert_eq!(err("@{nothing}"), "expected an expression inside braces");
}

#[test]
fn navigation_failures_say_where_and_whether_the_value_is_missing() {
    let f = fixture();
    let e = f.error("@body().data[1].created_time");
    assert_eq!(e.reason, "body().data[1] is null, cannot read `.created_time`");
    assert!(!e.missing);
    let e = f.error("@body().data[5]");
    assert_eq!(e.reason, "body().data has 2 element(s), no index 5");
    assert!(e.missing);
    let e = f.error("@body().obj.b");
    assert_eq!((e.reason.as_str(), e.missing), ("body().obj has no property 'b'", true));
    let e = f.error("@body().obj.a.x");
    assert_eq!(e.reason, "body().obj.a is an array, cannot read `.x`");
    let e = f.error("@connectionParameters('dog')");
    assert_eq!(
        e.to_string(),
        "cannot evaluate `@connectionParameters('dog')`: connection parameter 'dog' is not set"
    );
    let e = f.error("@item().x");
    assert!(e.missing);
    assert!(f.error("@environmentVariables('x')").reason.contains("no Power Platform environment"));
    // A null leaf is a value, not an error.
    assert_eq!(f.value("@body().nothing"), Value::Null);
}

#[test]
fn relative_paths() {
    let p = |s: &str| relative_path(s).unwrap();
    assert_eq!(p("null"), vec![]);
    assert_eq!(p(""), vec![]);
    assert_eq!(p("resourceLink"), vec![Step::Prop("resourceLink".into())]);
    assert_eq!(p("['@odata.type']"), vec![Step::Prop("@odata.type".into())]);
    assert_eq!(
        p("a.b[2]['c d']"),
        vec![
            Step::Prop("a".into()),
            Step::Prop("b".into()),
            Step::Index(2),
            Step::Prop("c d".into())
        ]
    );
    assert!(relative_path("a..b").is_err());
    assert!(relative_path("a[x]").is_err());
}
