use crate::fast_hash::FastSet;
use switchboard_model::Span;
use switchboard_model::json::Value;

use super::common::is_extension;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the `headers` of each response do not name the same header twice in
    /// different letter case (`X-Total-Count` and `x-total-count`). Keys that are exactly equal
    /// are duplicate JSON keys, reported by JS004.
    ///
    /// ## Why it matters
    /// HTTP header names are case-insensitive, so the two entries describe one header; Microsoft's
    /// validator rejects the response ("ResponseHeadersAreNotUnique") and the designer could
    /// not tell which declaration applies.
    ///
    /// ## Example
    /// ```json
    /// "headers": { "X-Rate-Limit": { "type": "integer" }, "x-rate-limit": { "type": "integer" } }
    /// ```
    ///
    /// ## Fix
    /// Keep one declaration per header.
    pub ResponseHeaderDuplicate {
        code: "SW098",
        name: "response-header-duplicate",
        group: Responses,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("ResponseHeadersAreNotUnique"),
    }
}

/// `what` names the response for the message; it is only built for a finding.
fn check_headers(
    cx: &mut Context<'_>,
    seen: &mut FastSet<Span>,
    response: &Value,
    what: &dyn Fn() -> String,
) {
    if !seen.insert(response.span) {
        return;
    }
    let Some(headers) = response.get("headers").and_then(Value::as_object) else { return };
    for (i, m) in headers.members.iter().enumerate() {
        let clash = headers.members[..i]
            .iter()
            .find(|e| e.key != m.key && e.key.eq_ignore_ascii_case(&m.key));
        if let Some(earlier) = clash {
            cx.report_swagger(
                m.key_span,
                format!(
                    "The header '{}' of {} is already declared as '{}'.",
                    m.key,
                    what(),
                    earlier.key
                ),
            )
            .set_help("header names are case-insensitive; keep one declaration");
        }
    }
}

impl Check for ResponseHeaderDuplicate {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut seen = FastSet::default();
        for info in &sw.operations {
            for r in info.responses.iter().filter(|r| !is_extension(r.code)) {
                let what = || format!("response '{}' of operation {}", r.code, info.op.label());
                check_headers(cx, &mut seen, r.node, &what);
            }
        }
        for m in sw.doc.shared_responses().into_iter().flat_map(|o| o.members.iter()) {
            check_headers(cx, &mut seen, &m.value, &|| format!("shared response '{}'", m.key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn distinct_headers_pass() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {"201": {
            "headers": {"Location": {"type": "string"}, "X-Request-Id": {"type": "string"}}
        }}}}}});
        assert!(check_swagger(&ResponseHeaderDuplicate, p).is_empty());
    }

    #[test]
    fn case_variants_fail_at_the_later_key() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {"201": {
            "headers": {"X-Rate-Limit": {"type": "integer"}, "x-rate-limit": {"type": "integer"}}
        }}}}}});
        let d = check_swagger(&ResponseHeaderDuplicate, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/responses/201/headers/x-rate-limit"]);
        assert!(d[0].message.contains("already declared as 'X-Rate-Limit'"));
    }
}
