use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A 2xx response (or a webhook's `x-ms-notification-content`) that had a schema in the
    /// old version and has none in the new one, or that disappeared. When the only 2xx
    /// response with a schema merely changed its code (`200` → `201`), the two schemas are
    /// compared as one instead.
    ///
    /// ## Why it matters
    /// Every output of the action disappears from the designer's dynamic content; the steps of
    /// existing flows that use them break.
    ///
    /// ## Example
    /// Old: `"200": {"description": "The task.", "schema": {"$ref": "#/definitions/Task"}}`;
    /// new: `"200": {"description": "The task."}`.
    ///
    /// ## Fix
    /// Keep the response schema.
    pub OutputSchemaRemoved {
        code: "BC016",
        name: "output-schema-removed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for OutputSchemaRemoved {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for p in pair.outputs.iter().filter(|p| p.new.is_none()) {
                let Some(old) = p.old.as_ref().filter(|f| f.parent.is_none()) else { continue };
                out.report(
                    old.path.clone(),
                    "The output schema has been removed from the response. Existing flows using its outputs will break.",
                    Some(d.old.at(old.node)),
                    None,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};

    #[test]
    fn unchanged_and_new_status_code_pass() {
        assert!(detect(&OutputSchemaRemoved, &base()).is_empty());
        let response =
            base().swagger["paths"]["/tasks/{taskId}"]["get"]["responses"]["200"].clone();
        let recoded = base()
            .remove("/paths/~1tasks~1{taskId}/get/responses/200")
            .set("/paths/~1tasks~1{taskId}/get/responses/203", response);
        assert!(detect(&OutputSchemaRemoved, &recoded).is_empty());
    }

    #[test]
    fn removed_schema_is_reported() {
        let c = detect(
            &OutputSchemaRemoved,
            &base().remove("/paths/~1tasks~1{taskId}/get/responses/200/schema"),
        );
        assert_eq!(paths(&c), ["operation/GetTask/responses/200/schema"]);
        assert_eq!(
            c[0].old.as_ref().unwrap().pointer,
            "/paths/~1tasks~1{taskId}/get/responses/200/schema"
        );
    }
}
