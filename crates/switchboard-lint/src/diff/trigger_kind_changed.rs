use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An operation whose trigger kind changed: `x-ms-trigger` added or removed (an action
    /// became a trigger or the reverse), `batch` ↔ `single`, or a polling trigger became a
    /// webhook (`x-ms-notification-content`) or the reverse.
    ///
    /// ## Why it matters
    /// A flow's trigger or action is bound to the kind it was created with: a trigger that
    /// became an action (or a polling trigger that became a webhook) no longer fires the
    /// way the flow expects, and a batch trigger's flows receive a different payload shape.
    ///
    /// ## Example
    /// Old: `"x-ms-trigger": "batch"`; new: `"x-ms-trigger": "single"`.
    ///
    /// ## Fix
    /// Add the new kind of trigger as a new operation and deprecate the old one.
    pub TriggerKindChanged {
        code: "BC017",
        name: "trigger-kind-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for TriggerKindChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            let (old, new) = d.ops(pair);
            let (a, b) = (old.trigger_kind(), new.trigger_kind());
            if a != b {
                let show = |k: Option<String>| {
                    k.map_or_else(|| "an action".to_string(), |k| format!("a {k} trigger"))
                };
                let at = |side: &super::Side<'_>, op: &super::OpEntry<'_>| {
                    side.at(op.op.node.get("x-ms-trigger").unwrap_or(op.op.node))
                };
                out.report(
                    pair.path.clone(),
                    format!("The operation changed from {} to {}.", show(a), show(b)),
                    Some(at(&d.old, old)),
                    Some(at(&d.new, new)),
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
        assert!(detect(&TriggerKindChanged, &base()).is_empty());
    }

    #[test]
    fn batch_and_polling_changes_are_reported() {
        let c = detect(
            &TriggerKindChanged,
            &base().set("/paths/~1hooks/post/x-ms-trigger", "batch".into()),
        );
        assert_eq!(paths(&c), ["operation/OnTaskCreated"]);
        assert!(
            c[0].message.contains("a single webhook trigger to a batch webhook trigger"),
            "{}",
            c[0].message
        );

        let polling = base().remove("/paths/~1hooks/post/x-ms-notification-content");
        assert_eq!(detect(&TriggerKindChanged, &polling).len(), 1);
        let action = base().remove("/paths/~1hooks/post/x-ms-trigger");
        assert!(detect(&TriggerKindChanged, &action)[0].message.ends_with("to an action."));
    }
}
