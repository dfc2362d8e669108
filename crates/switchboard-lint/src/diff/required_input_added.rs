use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A new input that every call must now send: a new required parameter, or a new required
    /// body property whose parents are all required, without a `default` and not internal.
    ///
    /// ## Why it matters
    /// "The required input field has been added. Existing flows will not send this new
    /// field." Their calls now miss a value the service requires.
    ///
    /// ## Example
    /// New: `{"name": "projectId", "in": "query", "required": true, "type": "string"}` on an
    /// existing operation.
    ///
    /// ## Fix
    /// Make the new input optional, or give it a `default` the service accepts for old
    /// callers. If it must be required, add a new operation revision (operational
    /// versioning) and deprecate the old one.
    pub RequiredInputAdded {
        code: "BC006",
        name: "required-input-added",
        class: Breaking,
        severity: Warning,
    }
}

/// Whether a new field is one old flows cannot send: required all the way up, no default,
/// user-facing.
pub(super) fn breaks_old_calls(f: &super::Field<'_>) -> bool {
    f.chain_required && f.default.is_none() && !f.internal
}

impl Detect for RequiredInputAdded {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for p in pair.inputs.iter().filter(|p| p.top && p.old.is_none()) {
                let Some(new) = &p.new else { continue };
                if breaks_old_calls(new) {
                    out.report(
                        new.path.clone(),
                        "The required input field has been added. Existing flows will not send this new field.",
                        None,
                        Some(d.new.at(new.node)),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};
    use serde_json::json;

    #[test]
    fn unchanged_and_optional_pass() {
        assert!(detect(&RequiredInputAdded, &base()).is_empty());
        let optional = base().set(
            "/paths/~1tasks/get/parameters/-",
            json!({"name": "q", "in": "query", "type": "string"}),
        );
        assert!(detect(&RequiredInputAdded, &optional).is_empty());
        let defaulted = base().set(
            "/paths/~1tasks/get/parameters/-",
            json!({"name": "q", "in": "query", "type": "string", "required": true, "default": "x"}),
        );
        assert!(detect(&RequiredInputAdded, &defaulted).is_empty());
    }

    #[test]
    fn required_parameter_and_body_property_are_reported() {
        let new = base()
            .set(
                "/paths/~1tasks/get/parameters/-",
                json!({"name": "project", "in": "query", "type": "string", "required": true}),
            )
            .set("/definitions/NewTask/required", json!(["title", "owner"]))
            .set("/definitions/NewTask/properties/owner", json!({"type": "string"}));
        let c = detect(&RequiredInputAdded, &new);
        assert_eq!(
            paths(&c),
            [
                "operation/CreateTask/parameter/body/schema/owner",
                "operation/ListTasks/parameter/project"
            ]
        );
        assert_eq!(c[0].new.as_ref().unwrap().pointer, "/definitions/NewTask/properties/owner");
    }

    #[test]
    fn required_below_an_optional_parent_is_not_reported() {
        let new =
            base().set("/definitions/NewTask/properties/details/required", json!(["tag"])).set(
                "/definitions/NewTask/properties/details/properties/tag",
                json!({"type": "string"}),
            );
        assert!(detect(&RequiredInputAdded, &new).is_empty());
    }
}
