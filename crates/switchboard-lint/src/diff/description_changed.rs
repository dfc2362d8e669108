use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A changed `description` of an operation, of an input or output, or of a response.
    ///
    /// ## Why it matters
    /// Documentation only; nothing existing flows send or receive changes.
    ///
    /// ## Example
    /// Old: `"description": "Returns one task."`; new: `"description": "Returns the task with
    /// the given identifier."`.
    ///
    /// ## Fix
    /// Nothing to fix.
    pub DescriptionChanged {
        code: "BC041",
        name: "description-changed",
        class: Cosmetic,
        severity: Info,
    }
}

impl Detect for DescriptionChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        let message = |what: &str| format!("The description of the {what} has been changed.");
        for pair in &d.pairs {
            let (old, new) = d.ops(pair);
            let at = |side: &super::Side<'_>, node: &switchboard_model::json::Value| {
                side.at(node.get("description").unwrap_or(node))
            };
            if old.op.description() != new.op.description() {
                out.report(
                    pair.path.clone(),
                    message("operation"),
                    Some(at(&d.old, old.op.node)),
                    Some(at(&d.new, new.op.node)),
                );
            }
            for r in &old.responses {
                let Some(n) = new.responses.iter().find(|n| n.code == r.code) else { continue };
                if r.node.get_str("description") != n.node.get_str("description") {
                    out.report(
                        format!("{}/responses/{}", pair.path, r.code),
                        message("response"),
                        Some(at(&d.old, r.node)),
                        Some(at(&d.new, n.node)),
                    );
                }
            }
            for (old, new) in
                pair.inputs.iter().chain(&pair.outputs).filter_map(super::FieldPair::both)
            {
                if old.description != new.description {
                    out.report(
                        new.path.clone(),
                        message("field"),
                        Some(d.old.at(old.node)),
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

    #[test]
    fn unchanged_passes() {
        assert!(detect(&DescriptionChanged, &base()).is_empty());
    }

    #[test]
    fn operation_response_and_field_descriptions_are_reported() {
        let new = base()
            .set("/paths/~1tasks~1{taskId}/get/description", "Returns the task.".into())
            .set("/paths/~1tasks~1{taskId}/get/responses/200/description", "OK".into())
            .set("/paths/~1tasks/get/parameters/0/description", "Status filter.".into());
        let c = detect(&DescriptionChanged, &new);
        assert_eq!(
            paths(&c),
            [
                "operation/GetTask",
                "operation/GetTask/responses/200",
                "operation/ListTasks/parameter/status"
            ]
        );
    }
}
