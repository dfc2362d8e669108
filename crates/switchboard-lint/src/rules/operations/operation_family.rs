use std::collections::HashMap;

use switchboard_model::json::Value;
use switchboard_model::swagger::Operation;

use super::common::annotation;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks operation families declared with `x-ms-api-annotation` (`family`, `revision`,
    /// `status`):
    ///
    /// - `revision`, when present, is an integer of at least 1 ("OperationRevisionEmpty");
    /// - `family`, when present, is a non-empty string;
    /// - no two members of a family share a revision ("OperationFamilyHasDuplicateRevisions");
    /// - at most one member has no revision ("OperationFamilyHasManyEmptyRevisions");
    /// - at most two members are not deprecated ("OperationFamilyHasManyActiveOperations");
    /// - at most one member that is not deprecated has status `Production`
    ///   ("OperationFamilyHasManyActiveProductionOperations");
    /// - the operationId of a revision 2 or later ends with its revision number
    ///   ("OperationIdShouldEndWithRevision") — reported as a warning, since the rule only says
    ///   "should". Revision 1 is the original operation, whose id conventionally has no suffix.
    ///
    /// ## Why it matters
    /// Families are how a connector versions an operation without breaking flows: the new
    /// revision is added, the old one deprecated, and the designers offer the newest active
    /// member. Ambiguous families (two revisions 2, three active members, two in production)
    /// leave the platform unable to tell which one is current, and Microsoft's validator
    /// rejects them.
    ///
    /// ## Example
    /// ```json
    /// "get":  { "operationId": "GetItems",   "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } },
    /// "post": { "operationId": "GetItemsV2", "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } }
    /// ```
    ///
    /// ## Fix
    /// Number the members 1, 2, 3… in order, deprecate all but the newest one or two, keep only
    /// one active member in `Production`, and name each revision after its number
    /// (`GetItemsV2`).
    pub OperationFamily {
        code: "SW081",
        name: "operation-family",
        group: Operations,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationFamilyHasDuplicateRevisions"),
    }
}

/// One operation that belongs to a family.
struct Member<'a> {
    op: Operation<'a>,
    annotation: &'a Value,
    /// The `revision` member, if present.
    revision_node: Option<&'a Value>,
    /// The revision, when it is a valid integer ≥ 1.
    revision: Option<i64>,
}

impl Member<'_> {
    fn is_active(&self) -> bool {
        !self.op.is_deprecated()
    }

    fn status(&self) -> Option<&Value> {
        self.annotation.get("status")
    }

    fn is_production(&self) -> bool {
        self.status().and_then(Value::as_str).is_some_and(|s| s.eq_ignore_ascii_case("production"))
    }
}

/// The number an operationId ends with (`GetItemsV12` → 12).
fn trailing_number(id: &str) -> Option<i64> {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    id.get(id.len() - digits..).filter(|d| !d.is_empty())?.parse().ok()
}

fn names(members: &[&Member<'_>]) -> String {
    members.iter().map(|m| m.op.label()).collect::<Vec<_>>().join(", ")
}

impl Check for OperationFamily {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        // Families in order of first appearance.
        let mut order: Vec<&str> = Vec::new();
        let mut families: HashMap<&str, Vec<Member<'_>>> = HashMap::new();

        for info in &sw.operations {
            let op = info.op;
            let Some(ann) = annotation(&op) else { continue };
            let revision_node = ann.get("revision");
            let revision = revision_node.and_then(Value::as_i64).filter(|&r| r >= 1);
            if let Some(v) = revision_node
                && revision.is_none()
            {
                cx.report_value(
                    v,
                    format!(
                        "The 'revision' of operation {} must be an integer of at least 1.",
                        op.label()
                    ),
                )
                .set_help("number the members of a family 1, 2, 3… in order");
            }
            if let (Some(rev), Some(id_node)) = (revision, op.node.get("operationId"))
                && rev >= 2
                && let Some(id) = id_node.as_str()
                && trailing_number(id) != Some(rev)
            {
                let d = cx.report_value(
                    id_node,
                    format!("The operationId '{id}' should end with its revision number {rev}."),
                );
                d.severity = d.severity.min(Severity::Warning);
                d.set_help(format!(
                    "name the revision after its number, e.g. '{}V{rev}'",
                    id.trim_end_matches(|c: char| c.is_ascii_digit())
                ));
            }
            let Some(family_node) = ann.get("family") else { continue };
            let Some(family) = family_node.as_str().filter(|f| !f.trim().is_empty()) else {
                cx.report_value(
                    family_node,
                    format!("The 'family' of operation {} must be a non-empty string.", op.label()),
                )
                .set_help("use the operationId of the family's first operation as its name");
                continue;
            };
            let member = Member { op, annotation: ann, revision_node, revision };
            families
                .entry(family)
                .or_insert_with(|| {
                    order.push(family);
                    Vec::new()
                })
                .push(member);
        }

        for family in order {
            let Some(members) = families.get(family) else { continue };
            if members.len() < 2 {
                continue;
            }
            check_family(cx, family, members);
        }
    }
}

fn check_family(cx: &mut Context<'_>, family: &str, members: &[Member<'_>]) {
    // Duplicate revisions.
    for (i, m) in members.iter().enumerate() {
        let (Some(rev), Some(node)) = (m.revision, m.revision_node) else { continue };
        if let Some(earlier) = members[..i].iter().find(|e| e.revision == Some(rev)) {
            cx.report_value(
                node,
                format!(
                    "Operation family '{family}' has more than one operation with revision {rev}: {} and {}.",
                    earlier.op.label(),
                    m.op.label()
                ),
            )
            .set_help("give each member of the family its own revision number");
        }
    }

    // More than one member without a revision.
    let unnumbered: Vec<&Member<'_>> =
        members.iter().filter(|m| m.revision_node.is_none()).collect();
    for m in unnumbered.iter().skip(1) {
        cx.report_value(
            m.annotation,
            format!(
                "Operation family '{family}' has more than one operation without a 'revision': {}.",
                names(&unnumbered)
            ),
        )
        .set_help("add \"revision\": 2, 3, … to the newer members");
    }

    // More than two active members.
    let active: Vec<&Member<'_>> = members.iter().filter(|m| m.is_active()).collect();
    if let Some(third) = active.get(2) {
        cx.report_value(
            third.annotation,
            format!(
                "Operation family '{family}' has {} operations that are not deprecated ({}); at most two may be active.",
                active.len(),
                names(&active)
            ),
        )
        .set_help("mark the older members \"deprecated\": true");
    }

    // More than one active member in production.
    let production: Vec<&Member<'_>> =
        active.iter().copied().filter(|m| m.is_production()).collect();
    for m in production.iter().skip(1) {
        let at = m.status().unwrap_or(m.annotation);
        cx.report_value(
            at,
            format!(
                "Operation family '{family}' has more than one active operation with status Production: {}.",
                names(&production)
            ),
        )
        .set_help("deprecate the older member or set the newer one to \"Preview\"");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::operations::common::test::add_operation;
    use crate::test_support::{check_swagger, merge, pointers};
    use serde_json::{Value, json};

    /// The base `GetTask` as revision 1 of family `GetTask`, plus the given members under
    /// `/v2/tasks/{n}` (each `(id, annotation, deprecated)`).
    fn family(members: &[(&str, Value, bool)]) -> Value {
        let mut patch = json!({"paths": {"/tasks/{taskId}": {"get": {
            "deprecated": true,
            "x-ms-api-annotation": {"family": "GetTask", "revision": 1, "status": "Production"}
        }}}});
        for (i, (id, ann, deprecated)) in members.iter().enumerate() {
            let extra = json!({"x-ms-api-annotation": ann, "deprecated": deprecated});
            merge(&mut patch, &add_operation(&format!("/v{}/tasks", i + 2), "get", id, &extra));
        }
        patch
    }

    #[test]
    fn a_well_formed_family_passes() {
        let p = family(&[
            (
                "GetTaskV2",
                json!({"family": "GetTask", "revision": 2, "status": "Production"}),
                false,
            ),
            ("GetTaskV3", json!({"family": "GetTask", "revision": 3, "status": "Preview"}), false),
        ]);
        assert!(check_swagger(&OperationFamily, p).is_empty());
    }

    #[test]
    fn duplicate_revision_fails_at_the_later_revision() {
        let p = family(&[("GetTaskV2", json!({"family": "GetTask", "revision": 1}), false)]);
        let d = check_swagger(&OperationFamily, p);
        assert_eq!(pointers(&d), ["/paths/~1v2~1tasks/get/x-ms-api-annotation/revision"]);
        assert!(
            d[0].message.contains("more than one operation with revision 1"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn invalid_revision_fails() {
        let p = family(&[("GetTaskV2", json!({"family": "GetTask", "revision": 0}), false)]);
        let d = check_swagger(&OperationFamily, p);
        assert_eq!(pointers(&d), ["/paths/~1v2~1tasks/get/x-ms-api-annotation/revision"]);
        assert!(d[0].message.contains("at least 1"));
    }

    #[test]
    fn two_members_without_revision_fail() {
        let mut p = json!({"paths": {"/tasks/{taskId}": {"get": {"x-ms-api-annotation": {"family": "GetTask"}}}}});
        let extra = json!({"x-ms-api-annotation": {"family": "GetTask"}});
        merge(&mut p, &add_operation("/v2/tasks", "get", "GetTaskNew", &extra));
        let d = check_swagger(&OperationFamily, p);
        assert_eq!(pointers(&d), ["/paths/~1v2~1tasks/get/x-ms-api-annotation"]);
        assert!(d[0].message.contains("without a 'revision'"));
    }

    #[test]
    fn three_active_members_fail_once() {
        let p = family(&[
            ("GetTaskV2", json!({"family": "GetTask", "revision": 2}), false),
            ("GetTaskV3", json!({"family": "GetTask", "revision": 3}), false),
            ("GetTaskV4", json!({"family": "GetTask", "revision": 4}), false),
        ]);
        let d = check_swagger(&OperationFamily, p);
        assert_eq!(pointers(&d), ["/paths/~1v4~1tasks/get/x-ms-api-annotation"]);
        assert!(
            d[0].message.contains("has 3 operations that are not deprecated"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn two_active_production_members_fail() {
        let mut p = family(&[(
            "GetTaskV2",
            json!({"family": "GetTask", "revision": 2, "status": "Production"}),
            false,
        )]);
        merge(&mut p, &json!({"paths": {"/tasks/{taskId}": {"get": {"deprecated": false}}}}));
        let d = check_swagger(&OperationFamily, p);
        assert_eq!(pointers(&d), ["/paths/~1v2~1tasks/get/x-ms-api-annotation/status"]);
        assert!(d[0].message.contains("more than one active operation with status Production"));
    }

    #[test]
    fn operation_id_without_revision_suffix_is_a_warning() {
        let p = family(&[("GetTaskNew", json!({"family": "GetTask", "revision": 2}), false)]);
        let d = check_swagger(&OperationFamily, p);
        assert_eq!(pointers(&d), ["/paths/~1v2~1tasks/get/operationId"]);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(trailing_number("GetTask_V12"), Some(12));
        assert_eq!(trailing_number("GetTask"), None);
    }
}
