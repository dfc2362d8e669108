use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A property of a 2xx response or of a webhook's notification payload that the new
    /// version no longer declares (following `$ref`s; a removed object is reported once).
    ///
    /// ## Why it matters
    /// "The output field has been deleted. Existing flows may be broken if they are using this
    /// field and actual payload has been changed." Flows that use the field as dynamic content
    /// lose it in the designer and get nothing at run time if the service dropped it.
    ///
    /// ## Example
    /// Old: the `Task` definition has `due`; new: it does not.
    ///
    /// ## Fix
    /// Keep declaring the property while the service returns it; if the service stops
    /// returning it, add a new operation revision.
    pub OutputRemoved {
        code: "BC013",
        name: "output-removed",
        class: Breaking,
        severity: Warning,
        ms_name: Some("OutputFieldDeleted"),
    }
}

impl Detect for OutputRemoved {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            for p in pair.outputs.iter().filter(|p| p.top && p.new.is_none()) {
                let Some(old) = &p.old else { continue };
                // A whole response schema that disappeared is BC016's.
                if old.parent.is_none() {
                    continue;
                }
                out.report(
                    old.path.clone(),
                    "The output field has been deleted. Existing flows may be broken if they are using this field and actual payload has been changed.",
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
        assert!(detect(&OutputRemoved, &base()).is_empty());
    }

    #[test]
    fn removed_property_is_reported_wherever_its_definition_is_used() {
        let c = detect(&OutputRemoved, &base().remove("/definitions/Task/properties/due"));
        assert_eq!(
            paths(&c),
            [
                "operation/CreateTask/responses/201/schema/due",
                "operation/GetTask/responses/200/schema/due",
                "operation/ListTasks/responses/200/schema/value/items/due",
                "operation/OnTaskCreated/responses/x-ms-notification-content/schema/due",
            ]
        );
        assert_eq!(c[0].old.as_ref().unwrap().pointer, "/definitions/Task/properties/due");
    }

    #[test]
    fn a_removed_object_is_reported_once() {
        let c = detect(&OutputRemoved, &base().remove("/definitions/Task/properties/owner"));
        assert_eq!(c.len(), 4);
        assert!(c.iter().all(|c| c.path.ends_with("/owner")));
    }
}
