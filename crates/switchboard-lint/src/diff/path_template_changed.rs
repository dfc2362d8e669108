use super::side::normalize_template;
use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation (same operationId) whose path template changed. Templates are compared
    /// with path variables replaced by position and case ignored, so renaming `{id}` to
    /// `{taskId}` is not a change.
    ///
    /// ## Why it matters
    /// Existing flows call the new path with the values they saved for the old one; unless the
    /// service answers both, the calls fail ("The path template has been changed for the
    /// operation.").
    ///
    /// ## Example
    /// Old: `/tasks/{taskId}`; new: `/projects/{projectId}/tasks/{taskId}`.
    ///
    /// ## Fix
    /// Keep the old path for the existing operation. Add the new route as a new operation
    /// (operational versioning with `x-ms-api-annotation`) and deprecate the old one.
    pub PathTemplateChanged {
        code: "BC003",
        name: "path-template-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for PathTemplateChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            let (old, new) = d.ops(pair);
            let (a, b) = (old.op.path.template, new.op.path.template);
            if normalize_template(a) != normalize_template(b) {
                out.report(
                    pair.path.clone(),
                    format!(
                        "The path template has been changed for the operation, from '{a}' to '{b}'."
                    ),
                    Some(d.old.at(old.op.node)),
                    Some(d.new.at(new.op.node)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};

    fn move_get_task(to: &str) -> crate::diff::test_support::Version {
        let op = base().swagger["paths"]["/tasks/{taskId}"].clone();
        base()
            .remove("/paths/~1tasks~1{taskId}")
            .set(&format!("/paths/{}", to.replace('/', "~1")), op)
    }

    #[test]
    fn renamed_variable_passes() {
        assert!(detect(&PathTemplateChanged, &move_get_task("/tasks/{id}")).is_empty());
        assert!(detect(&PathTemplateChanged, &base()).is_empty());
    }

    #[test]
    fn moved_operation_is_reported() {
        let c = detect(&PathTemplateChanged, &move_get_task("/projects/{p}/tasks/{taskId}"));
        assert_eq!(paths(&c), ["operation/GetTask"]);
        assert!(c[0].message.contains("'/projects/{p}/tasks/{taskId}'"));
    }
}
