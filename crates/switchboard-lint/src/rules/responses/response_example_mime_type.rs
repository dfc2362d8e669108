use super::common::is_extension;
use crate::fast_hash::FastSet;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The media type without parameters, lowercase (`application/json; charset=utf-8` →
/// `application/json`).
fn essence(mime: &str) -> String {
    mime.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Whether a `produces` entry covers an example's media type (wildcards included).
fn covers(produced: &str, example: &str) -> bool {
    let (p, e) = (essence(produced), essence(example));
    if p == e || p == "*/*" {
        return true;
    }
    match (p.split_once('/'), e.split_once('/')) {
        (Some((pt, "*")), Some((et, _))) => pt == et,
        _ => false,
    }
}

declare_rule! {
    /// ## What it does
    /// Checks that each key of a response's `examples` is a MIME type the operation
    /// `produces` (its own list, or the root list it inherits). Operations that declare no
    /// `produces` at all are skipped.
    ///
    /// ## Why it matters
    /// Swagger 2.0 keys response examples by the media types the operation returns; an example
    /// for a type the operation never produces is dead documentation, and Microsoft's validator
    /// rejects it ("ResponseExampleMustBeProducedByOperation").
    ///
    /// ## Example
    /// ```json
    /// "produces": ["application/json"],
    /// …
    /// "200": { "description": "OK", "examples": { "application/xml": "<task/>" } }
    /// ```
    ///
    /// ## Fix
    /// Key the example by a produced type (`application/json`), or add the type to `produces`
    /// if the operation really returns it.
    pub ResponseExampleMimeType {
        code: "SW099",
        name: "response-example-mime-type",
        group: Responses,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("ResponseExampleMustBeProducedByOperation"),
    }
}

impl Check for ResponseExampleMimeType {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut seen = FastSet::default();
        for info in &sw.operations {
            let mut produces = None;
            for r in info.responses.iter().filter(|r| !is_extension(r.code)) {
                let Some(examples) = r.node.get("examples").and_then(|e| e.as_object()) else {
                    continue;
                };
                let produces = produces.get_or_insert_with(|| info.op.produces(&sw.doc));
                if produces.is_empty() {
                    break;
                }
                for m in &examples.members {
                    if produces.iter().any(|p| covers(p, &m.key)) || !seen.insert(m.key_span) {
                        continue;
                    }
                    cx.report_swagger(
                        m.key_span,
                        format!(
                            "The example type '{}' of response '{}' is not produced by operation {} ({}).",
                            m.key,
                            r.code,
                            info.op.label(),
                            produces.join(", ")
                        ),
                    )
                    .set_help("key the example by a type in `produces`, or add the type to `produces`");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn produced_types_pass() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {"201": {
            "examples": {"application/json; charset=utf-8": {"id": "1"}}
        }}}}}});
        assert!(check_swagger(&ResponseExampleMimeType, p).is_empty());
        assert!(covers("text/*", "text/plain"));
        assert!(!covers("text/*", "application/json"));
    }

    #[test]
    fn other_type_fails_at_the_example_key() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {"201": {
            "examples": {"application/json": {"id": "1"}, "application/xml": "<task/>"}
        }}}}}});
        let d = check_swagger(&ResponseExampleMimeType, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/responses/201/examples/application~1xml"]);
        assert!(d[0].message.contains("(application/json)"), "{}", d[0].message);
    }

    #[test]
    fn operation_level_produces_wins_and_empty_lists_are_skipped() {
        let p = json!({"paths": {"/tasks": {"post": {"produces": ["text/plain"], "responses": {"201": {
            "examples": {"application/json": {"id": "1"}}
        }}}}}});
        assert_eq!(check_swagger(&ResponseExampleMimeType, p).len(), 1);
        let p = json!({"produces": null, "paths": {"/tasks": {"post": {"responses": {"201": {
            "examples": {"application/json": {"id": "1"}}
        }}}}}});
        assert!(check_swagger(&ResponseExampleMimeType, p).is_empty());
    }
}
