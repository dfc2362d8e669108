use switchboard_model::connector::SCRIPT_FILE;
use switchboard_runtime::compile::{ScriptOps, script_operations};

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags the operations that run through custom code (`script.csx`): those listed in
    /// `properties.scriptOperations`, or every operation when a script ships without that list.
    /// Which operations are covered is decided by the runtime's own
    /// `switchboard_runtime::compile::script_operations`, so the two cannot disagree. Runs while
    /// authoring only: certification accepts custom code.
    ///
    /// ## Why it matters
    /// Switchboard checks custom code statically but never executes it: `switchboard invoke` and
    /// the registry server refuse these operations with "custom code (script.csx) is not
    /// supported". The connector still works on the Power Platform.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "scriptOperations": ["GetTask"] } }
    /// ```
    ///
    /// ## Fix
    /// Nothing to fix for the Power Platform. To run the operation in Switchboard, express the
    /// transformation with policy templates instead of code, or call the backend directly.
    pub ScriptOperationNotRunnable {
        code: "BX027",
        name: "script-operation-not-runnable",
        group: Beyond,
        levels: Levels::authoring(Severity::Warning),
    }
}

const HELP: &str = "Switchboard checks custom code but never runs it; policy templates run";

impl Check for ScriptOperationNotRunnable {
    fn check(&self, cx: &mut Context<'_>) {
        let covered = script_operations(cx.connector(), cx.properties().as_ref());
        match covered {
            ScriptOps::None => {}
            ScriptOps::All => {
                cx.report_file(
                    SCRIPT_FILE,
                    "every operation runs custom code (script.csx, no scriptOperations list), \
                     which Switchboard's runtime does not execute: invoke refuses them",
                )
                .set_help(HELP);
            }
            ScriptOps::Listed(_) => {
                let Some(sw) = cx.swagger() else { return };
                for o in &sw.operations {
                    let Some(node) = o.op.node.get("operationId") else { continue };
                    let Some(id) = node.as_str().filter(|id| covered.covers(id)) else { continue };
                    cx.report_value(
                        node,
                        format!(
                            "operation '{id}' runs custom code (script.csx), which Switchboard's \
                             runtime does not execute: invoke refuses it"
                        ),
                    )
                    .set_help(HELP);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_with, pointers};
    use serde_json::json;

    const SCRIPT: &[u8] = b"public class Script : ScriptBase { }";

    #[test]
    fn connectors_without_custom_code_pass() {
        assert!(
            check_with(&ScriptOperationNotRunnable, &Fixture::new().build(), Profile::Default)
                .is_empty()
        );
    }

    #[test]
    fn listed_operations_are_flagged_at_their_operation_id() {
        let c = Fixture::new()
            .properties(json!({"properties": {"scriptOperations": ["GetTask", "Nope"]}}))
            .set(SCRIPT_FILE, SCRIPT.to_vec())
            .build();
        let d = check_with(&ScriptOperationNotRunnable, &c, Profile::Default);
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/operationId"]);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(d[0].message.contains("'GetTask'"));
        assert!(check_with(&ScriptOperationNotRunnable, &c, Profile::Certification).is_empty());
    }

    #[test]
    fn a_script_without_a_list_covers_every_operation() {
        let c = Fixture::new().set(SCRIPT_FILE, SCRIPT.to_vec()).build();
        let d = check_with(&ScriptOperationNotRunnable, &c, Profile::Default);
        assert_eq!(d.len(), 1);
        assert!(d[0].location.file.ends_with(SCRIPT_FILE), "{}", d[0].location.file);
    }
}
