use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no string value of the swagger contains a plain `http://` URL
    /// (descriptions, examples, metadata, URLs of any kind). Each string is reported once.
    ///
    /// ## Why it matters
    /// Certification policy 5000.3.1.6 requires HTTPS with TLS 1.2 or later for everything the
    /// connector talks to or links to; `http://` links in descriptions send users to
    /// unencrypted pages, and `http://` endpoints are rejected.
    ///
    /// ## Example
    /// ```json
    /// { "description": "See http://docs.taskforge.io/filters for the syntax." }
    /// ```
    ///
    /// ## Fix
    /// Use the `https://` address (check that it works); remove links that have no HTTPS
    /// version.
    pub HttpUrl {
        code: "SW181",
        name: "http-url",
        group: Strings,
        levels: Levels::cert(Severity::Warning),
    }
}

/// Whether `s` contains `http://`, ASCII case-insensitively.
fn has_http(s: &str) -> bool {
    // Find each ':' followed by "//", then look at the scheme before it. (A byte search: a
    // substring searcher costs more to build than most strings take to scan, and this runs
    // for every string of the document.)
    let b = s.as_bytes();
    // "http://" is the shortest match; most strings of a document are shorter.
    if b.len() < 7 {
        return false;
    }
    memchr::memchr_iter(b':', b).any(|i| {
        b[i + 1..].starts_with(b"//") && i >= 4 && b[i - 4..i].eq_ignore_ascii_case(b"http")
    })
}

impl Check for HttpUrl {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for &v in &sw.strings {
            let Some(s) = v.as_str() else { continue };
            if has_http(s) {
                cx.report_value(v, "Use HTTPS: the value contains an 'http://' URL.")
                    .set_help("replace http:// with https:// (and check the address still works)");
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
    fn https_passes() {
        assert!(check_swagger(&HttpUrl, json!({})).is_empty());
        assert!(!has_http("://x"));
        assert!(!has_http("see https://x.io"));
        assert!(has_http("HTTP://x.io"));
        assert!(has_http("a://b then http://c"));
    }

    #[test]
    fn http_fails_once_per_string() {
        let d = check_swagger(
            &HttpUrl,
            json!({
                "info": {"description": "Taskforge helps teams plan work. See HTTP://taskforge.io and http://x.io."},
                "definitions": {"Task": {"example": {"url": "http://taskforge.io/t/1"}}}
            }),
        );
        assert_eq!(pointers(&d), ["/info/description", "/definitions/Task/example/url"]);
    }
}
