use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An input of the old version (a parameter, or a body property) that the new version no
    /// longer declares. A removed object is reported once, not once per property.
    ///
    /// ## Why it matters
    /// Existing flows still send the value; the service either rejects the unknown input or
    /// ignores what users set, and the designer shows the flow's saved value as invalid.
    /// Microsoft calls the kind InputFieldDeleted.
    ///
    /// ## Example
    /// Old: `ListTasks` has a `status` query parameter; new: it does not.
    ///
    /// ## Fix
    /// Keep the input (mark it `x-ms-visibility: advanced` and describe it as ignored if the
    /// service no longer uses it), or add a new operation revision without it.
    pub InputRemoved {
        code: "BC008",
        name: "input-removed",
        class: Breaking,
        severity: Warning,
        ms_name: Some("InputFieldDeleted"),
    }
}

impl Detect for InputRemoved {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for p in pair.inputs.iter().filter(|p| p.top && p.new.is_none()) {
                let Some(old) = &p.old else { continue };
                out.report(
                    old.path.clone(),
                    "The input field has been deleted. Existing flows will continue to send it.",
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
    fn unchanged_passes() {
        assert!(detect(&InputRemoved, &base()).is_empty());
    }

    #[test]
    fn removed_parameter_and_object_are_reported_once() {
        let new = base()
            .remove("/paths/~1tasks/get/parameters/0")
            .remove("/definitions/NewTask/properties/details");
        let c = detect(&InputRemoved, &new);
        assert_eq!(
            paths(&c),
            [
                "operation/CreateTask/parameter/body/schema/details",
                "operation/ListTasks/parameter/status"
            ]
        );
        assert_eq!(c[1].old.as_ref().unwrap().pointer, "/paths/~1tasks/get/parameters/0");
    }

    #[test]
    fn a_renamed_body_parameter_is_the_same_body() {
        let new = base().set("/paths/~1tasks/post/parameters/0/name", "task".into());
        assert!(detect(&InputRemoved, &new).is_empty());
    }
}
