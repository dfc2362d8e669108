use crate::{Check, Context, Levels, Severity, declare_rule};

/// The most operations a connector may define.
const MAX: usize = 256;

declare_rule! {
    /// ## What it does
    /// Checks that the connector defines at most 256 operations (method entries under
    /// `paths`).
    ///
    /// ## Why it matters
    /// The platform refuses to import a definition with more operations
    /// ("TotalOperationsCountExceedsMaxAllowed"; documented limit in the custom-connector FAQ).
    ///
    /// ## Example
    /// A swagger whose `paths` hold 300 `get`/`post`/… entries.
    ///
    /// ## Fix
    /// Split the API into several connectors by area (for example "Contoso Sales" and
    /// "Contoso Support"), or drop rarely used operations.
    pub TooManyOperations {
        code: "SW006",
        name: "too-many-operations",
        group: Info,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("TotalOperationsCountExceedsMaxAllowed"),
    }
}

impl Check for TooManyOperations {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let count = sw.operations.len();
        if count <= MAX {
            return;
        }
        let Some(paths) = sw.root().get("paths") else { return };
        cx.report_value(
            paths,
            format!("The connector defines {count} operations, more than the maximum of {MAX}"),
        )
        .set_help("split the API into several connectors, or remove rarely used operations");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::{Map, Value, json};

    fn paths(n: usize) -> Value {
        let mut m = Map::new();
        for i in 0..n {
            m.insert(
                format!("/items{i}"),
                json!({"get": {"operationId": format!("Get{i}"), "responses": {"200": {"description": "OK"}}}}),
            );
        }
        Value::Object(m)
    }

    #[test]
    fn two_hundred_fifty_six_pass() {
        let mut p = paths(MAX);
        p["/tasks/{taskId}"] = Value::Null;
        p["/tasks"] = Value::Null;
        assert!(check_swagger(&TooManyOperations, json!({"paths": p})).is_empty());
    }

    #[test]
    fn two_hundred_fifty_seven_fail_at_paths() {
        // 255 new operations plus the base connector's two.
        let d = check_swagger(&TooManyOperations, json!({"paths": paths(MAX - 1)}));
        assert_eq!(pointers(&d), ["/paths"]);
        assert!(d[0].message.contains("257 operations"));
    }
}
