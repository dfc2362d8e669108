use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A changed operation `summary`, or a changed `x-ms-summary` (display name) of an input or
    /// output.
    ///
    /// ## Why it matters
    /// Display text only: flows reference operations and fields by id and name, not by their
    /// labels. Operation summaries are among the fields a minor update may change (BC100);
    /// field display names are not.
    ///
    /// ## Example
    /// Old: `"summary": "Get a task"`; new: `"summary": "Get task details"`.
    ///
    /// ## Fix
    /// Nothing to fix.
    pub SummaryChanged {
        code: "BC040",
        name: "summary-changed",
        class: Cosmetic,
        severity: Info,
    }
}

impl Detect for SummaryChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for pair in &d.pairs {
            let (old, new) = d.ops(pair);
            let (a, b) = (old.op.summary(), new.op.summary());
            if a != b {
                let at = |side: &super::Side<'_>, op: &super::OpEntry<'_>| {
                    side.at(op.op.node.get("summary").unwrap_or(op.op.node))
                };
                out.report(
                    pair.path.clone(),
                    format!(
                        "The summary of the operation has been changed from {} to {}.",
                        show(a),
                        show(b)
                    ),
                    Some(at(&d.old, old)),
                    Some(at(&d.new, new)),
                );
            }
            for (old, new) in
                pair.inputs.iter().chain(&pair.outputs).filter_map(super::FieldPair::both)
            {
                if old.summary != new.summary {
                    out.report(
                        new.path.clone(),
                        format!(
                            "The display name (x-ms-summary) has been changed from {} to {}.",
                            show(old.summary),
                            show(new.summary)
                        ),
                        Some(d.old.at(old.node)),
                        Some(d.new.at(new.node)),
                    );
                }
            }
        }
    }
}

fn show(s: Option<&str>) -> String {
    s.map_or_else(|| "none".to_string(), |s| format!("'{s}'"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};

    #[test]
    fn unchanged_passes() {
        assert!(detect(&SummaryChanged, &base()).is_empty());
    }

    #[test]
    fn operation_and_field_summaries_are_reported() {
        let new = base()
            .set("/paths/~1tasks~1{taskId}/get/summary", "Get task details".into())
            .set("/paths/~1tasks/get/parameters/0/x-ms-summary", "Task status".into());
        let c = detect(&SummaryChanged, &new);
        assert_eq!(paths(&c), ["operation/GetTask", "operation/ListTasks/parameter/status"]);
    }
}
