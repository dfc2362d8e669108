use switchboard_model::json::Value;

use super::common::{DYNAMIC_KEYS, dynamic_sites};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks file-picker parameters: a parameter or property whose `x-ms-dynamic-values`
    /// has `"capability": "file-picker"` also defines `x-ms-dynamic-tree`; and
    /// `selectedItemValuePath` appears only in the `parameters` of the tree's `browse` step.
    ///
    /// ## Why it matters
    /// The new designer builds the folder/file picker from `x-ms-dynamic-tree`; without it
    /// the picker does not work ("The 'x-ms-dynamic-tree' extension must be defined to
    /// enable file picker support."). `selectedItemValuePath` passes the selected folder to
    /// the next `browse` call and means nothing elsewhere ("The 'selectedItemValuePath'
    /// property is not allowed in this position.").
    ///
    /// ## Example
    /// ```json
    /// { "name": "folder", "in": "query", "type": "string",
    ///   "x-ms-dynamic-values": { "capability": "file-picker", "value-path": "path" } }
    /// ```
    ///
    /// ## Fix
    /// Add `x-ms-dynamic-tree` with `open` and `browse` operations; keep
    /// `selectedItemValuePath` under `browse.parameters`.
    pub FilePickerWithoutDynamicTree {
        code: "SW159",
        name: "file-picker-without-dynamic-tree",
        group: Extensions,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("DynamicTreeExtensionMissing"),
    }
}

impl Check for FilePickerWithoutDynamicTree {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut found: Vec<(switchboard_model::Span, &'static str)> = Vec::new();
        for site in dynamic_sites(sw) {
            let node = site.node;
            if let Some(cap) = node.get("x-ms-dynamic-values").and_then(|v| v.get("capability"))
                && cap.as_str() == Some("file-picker")
                && node.get("x-ms-dynamic-tree").is_none()
            {
                found.push((cap.span, "The 'x-ms-dynamic-tree' extension must be defined to enable file picker support."));
            }
            for key in DYNAMIC_KEYS {
                let Some(ext) = node.get(key) else { continue };
                let allowed = (*key == "x-ms-dynamic-tree")
                    .then(|| ext.get("browse").and_then(|b| b.get("parameters")))
                    .flatten();
                misplaced_selected_path(ext, allowed, 0, &mut found);
            }
        }
        for (span, message) in found {
            cx.report_swagger(span, message)
                .set_help("define x-ms-dynamic-tree (open, browse) for file pickers; selectedItemValuePath goes under browse.parameters.<name>");
        }
    }
}

/// Finds `selectedItemValuePath` keys under `node`, except directly in a parameter entry of
/// `allowed` (the tree's `browse.parameters`).
fn misplaced_selected_path(
    node: &Value,
    allowed: Option<&Value>,
    depth: usize,
    found: &mut Vec<(switchboard_model::Span, &'static str)>,
) {
    if depth > 16 {
        return;
    }
    let inside_allowed = allowed.is_some_and(|a| std::ptr::eq(a, node));
    for m in node.members() {
        if m.key == "selectedItemValuePath" {
            found.push((m.key_span, "The 'selectedItemValuePath' property is not allowed in this position. It is allowed only in 'browse' operation of 'x-ms-dynamic-tree' extension."));
            continue;
        }
        if inside_allowed {
            // Entries of browse.parameters may hold selectedItemValuePath directly.
            for inner in m.value.members().filter(|i| i.key != "selectedItemValuePath") {
                misplaced_selected_path(&inner.value, None, depth + 2, found);
            }
            continue;
        }
        misplaced_selected_path(&m.value, allowed, depth + 1, found);
    }
    for item in node.items() {
        misplaced_selected_path(item, allowed, depth + 1, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn picker(extra: &serde_json::Value) -> serde_json::Value {
        let mut param = json!({
            "name": "taskId", "in": "path", "required": true, "type": "string",
            "x-ms-dynamic-values": {"capability": "file-picker", "value-path": "path"}
        });
        crate::test_support::merge(&mut param, extra);
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [param]}}}})
    }

    #[test]
    fn picker_with_tree_passes() {
        let tree = json!({"x-ms-dynamic-tree": {
            "open": {"operationId": "GetTask"},
            "browse": {"operationId": "GetTask", "parameters": {"taskId": {"selectedItemValuePath": "id"}}}
        }});
        assert!(check_swagger(&FilePickerWithoutDynamicTree, picker(&tree)).is_empty());
    }

    #[test]
    fn picker_without_tree_and_misplaced_path_fail() {
        let d = check_swagger(&FilePickerWithoutDynamicTree, picker(&json!({})));
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-dynamic-values/capability"]
        );
        let misplaced = json!({"x-ms-dynamic-tree": {
            "open": {"operationId": "GetTask", "parameters": {"taskId": {"selectedItemValuePath": "id"}}},
            "browse": {"operationId": "GetTask"}
        }});
        let d = check_swagger(&FilePickerWithoutDynamicTree, picker(&misplaced));
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-dynamic-tree/open/parameters/taskId/selectedItemValuePath"
            ]
        );
    }
}
