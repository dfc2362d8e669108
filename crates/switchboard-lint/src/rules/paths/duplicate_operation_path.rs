use std::hash::BuildHasherDefault;

use crate::fast_hash::FastMap;
use std::collections::hash_map::Entry;

use super::common::normalized;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no two operations with the same method have paths that are identical once
    /// variable names are ignored and trailing slashes removed: `GET /items/{id}` and
    /// `GET /items/{itemId}/` are the same operation to the platform (paths are also compared
    /// case-insensitively).
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects the second one ("DuplicateOperationPath"): at run time
    /// a request could not be routed to one of them. Trailing-slash twins are a common way to
    /// work around the rule; they break on import.
    ///
    /// ## Example
    /// ```json
    /// { "paths": {
    ///     "/contracts/{id}": { "get": { "operationId": "GetContract" } },
    ///     "/contracts/{contractId}/": { "get": { "operationId": "GetContractV2" } } } }
    /// ```
    ///
    /// ## Fix
    /// Keep one operation per method and path. To offer two variants of the same call, use
    /// one operation with an internal parameter, or a custom-code script that dispatches on
    /// the operationId.
    pub DuplicateOperationPath {
        code: "SW053",
        name: "duplicate-operation-path",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("DuplicateOperationPath"),
    }
}

impl Check for DuplicateOperationPath {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut seen =
            FastMap::with_capacity_and_hasher(sw.operations.len(), BuildHasherDefault::default());
        for (i, info) in sw.operations.iter().enumerate() {
            let op = &info.op;
            match seen.entry((op.method, normalized(op.path.template))) {
                Entry::Vacant(e) => {
                    e.insert(i);
                }
                Entry::Occupied(e) => {
                    let Some(first) = sw.operations.get(*e.get()).map(|f| &f.op) else { continue };
                    if first.path.template.eq_ignore_ascii_case(op.path.template) {
                        continue; // Same key (JS004) or a case variant (SW052).
                    }
                    cx.report_swagger(
                        op.method_span,
                        format!(
                            "The {} operation {} on '{}' duplicates {} on '{}': the paths differ only in variable names or trailing '/'",
                            op.method,
                            op.label(),
                            op.path.template,
                            first.label(),
                            first.path.template
                        ),
                    )
                    .set_help("keep one operation per method and path");
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

    fn get(id: &str) -> serde_json::Value {
        json!({"get": {"operationId": id, "responses": {"200": {"description": "OK"}}}})
    }

    #[test]
    fn distinct_paths_and_methods_pass() {
        assert!(check_swagger(&DuplicateOperationPath, json!({})).is_empty());
        // Same path, other method.
        let d =
            check_swagger(&DuplicateOperationPath, json!({"paths": {"/tasks/": get("ListTasks")}}));
        assert!(d.is_empty());
    }

    #[test]
    fn renamed_variable_or_trailing_slash_fails_at_the_method() {
        let d = check_swagger(
            &DuplicateOperationPath,
            json!({"paths": {"/tasks/{id}//": get("GetTaskV2"), "/Tasks/{x}": get("GetTaskV3")}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{id}~1~1/get", "/paths/~1Tasks~1{x}/get"]);
        assert!(d[0].message.contains("duplicates 'GetTask' on '/tasks/{taskId}'"));
    }
}
