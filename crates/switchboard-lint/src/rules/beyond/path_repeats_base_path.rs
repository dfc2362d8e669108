use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no path starts with the `basePath` again, e.g. `basePath: "/v2"` with a path
    /// `/v2/users` (compared segment by segment, case-insensitively).
    ///
    /// ## Why it matters
    /// The platform sends requests to `host` + `basePath` + path, so the operation calls
    /// `/v2/v2/users`, which usually answers 404. The mistake comes from pasting full URL paths
    /// from API documentation after setting a base path.
    ///
    /// ## Example
    /// ```json
    /// { "basePath": "/v1", "paths": { "/v1/users/me": { "get": { } } } }
    /// ```
    ///
    /// ## Fix
    /// Remove the repeated prefix from the path (`/users/me`), or set `basePath` to `/` if the
    /// paths carry the full route.
    pub PathRepeatsBasePath {
        code: "BX006",
        name: "path-repeats-base-path",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for PathRepeatsBasePath {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(base) = sw.doc.base_path() else { return };
        let base = base.trim_end_matches('/');
        if base.is_empty() || !base.starts_with('/') {
            return;
        }
        for path in sw.doc.paths() {
            let t = path.template;
            let repeats = t.len() >= base.len()
                && t.is_char_boundary(base.len())
                && t[..base.len()].eq_ignore_ascii_case(base)
                && (t.len() == base.len() || t[base.len()..].starts_with('/'));
            if repeats {
                cx.report_swagger(
                    path.key_span,
                    format!("Path '{t}' repeats the basePath '{base}': requests go to '{base}{t}'"),
                )
                .set_help("remove the basePath prefix from the path");
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
    fn distinct_prefixes_pass() {
        assert!(check_swagger(&PathRepeatsBasePath, json!({})).is_empty());
        // "/v10" is not "/v1" + something.
        assert!(
            check_swagger(&PathRepeatsBasePath, json!({"paths": {"/v10/tasks": {}}})).is_empty()
        );
        assert!(
            check_swagger(&PathRepeatsBasePath, json!({"basePath": "/", "paths": {"/v1/x": {}}}))
                .is_empty()
        );
    }

    #[test]
    fn repeated_prefix_fails_at_the_path_key() {
        let d = check_swagger(
            &PathRepeatsBasePath,
            json!({"basePath": "/api/v2/", "paths": {"/API/v2/holidays": {}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1API~1v2~1holidays"]);
        assert!(d[0].message.contains("'/api/v2/API/v2/holidays'"), "{}", d[0].message);
    }
}
