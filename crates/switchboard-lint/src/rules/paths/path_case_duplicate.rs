use crate::fast_hash::FastMap;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no two keys of `paths` differ only in letter case (`/Items` and `/items`).
    /// Keys written twice exactly are JS004's.
    ///
    /// ## Why it matters
    /// The platform compares paths case-insensitively and rejects the second one
    /// ("PathRedefined").
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/Items": { "get": {} }, "/items": { "post": {} } } }
    /// ```
    ///
    /// ## Fix
    /// Merge the two path items into one key, with one spelling.
    pub PathCaseDuplicate {
        code: "SW052",
        name: "path-case-duplicate",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("PathRedefined"),
    }
}

impl Check for PathCaseDuplicate {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut seen: FastMap<String, &str> = FastMap::default();
        for path in sw.doc.paths() {
            let key = path.template.to_lowercase();
            match seen.get(&key) {
                Some(first) if *first != path.template => {
                    cx.report_swagger(path.key_span, format!("The path '{}' redefines '{first}': paths are compared case-insensitively", path.template))
                        .set_help("merge the operations of both keys under one spelling");
                }
                Some(_) => {} // An exact duplicate key: JS004.
                None => {
                    seen.insert(key, path.template);
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
    fn distinct_paths_pass() {
        assert!(check_swagger(&PathCaseDuplicate, json!({})).is_empty());
    }

    #[test]
    fn case_variant_fails_at_the_second_key() {
        let d = check_swagger(
            &PathCaseDuplicate,
            json!({"paths": {"/Tasks": {"get": {"operationId": "ListTasks", "responses": {"200": {"description": "OK"}}}}}}),
        );
        assert_eq!(d.len(), 1);
        // The base connector's "/tasks" comes first in file order.
        assert_eq!(pointers(&d), ["/paths/~1Tasks"]);
        assert!(d[0].message.contains("redefines '/tasks'"));
    }
}
