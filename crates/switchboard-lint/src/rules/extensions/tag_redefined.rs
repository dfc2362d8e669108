use crate::fast_hash::FastSet;
use switchboard_model::json::Value;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the root `tags` list defines each tag name once.
    ///
    /// ## Why it matters
    /// Tags group operations in documentation and tooling; a second definition of the same
    /// name is ambiguous and rejected by the validator ("The 'tags' property defines tag '…'
    /// multiple times.").
    ///
    /// ## Example
    /// ```json
    /// { "tags": [{ "name": "Tasks" }, { "name": "Tasks", "description": "Task operations" }] }
    /// ```
    ///
    /// ## Fix
    /// Merge the entries into one.
    pub TagRedefined {
        code: "SW166",
        name: "tag-redefined",
        group: Extensions,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("TagRedefined"),
    }
}

impl Check for TagRedefined {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut seen = FastSet::default();
        for tag in sw.root().get("tags").into_iter().flat_map(Value::items) {
            let Some(name) = tag.get("name").filter(|n| n.as_str().is_some()) else { continue };
            let text = name.as_str().unwrap_or_default();
            if !seen.insert(text) {
                cx.report_value(
                    name,
                    format!("The 'tags' property defines tag '{text}' multiple times."),
                )
                .set_help("merge the duplicate tag entries into one");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn distinct_tags_pass() {
        assert!(
            check_swagger(
                &TagRedefined,
                json!({"tags": [{"name": "Tasks"}, {"name": "Projects"}]})
            )
            .is_empty()
        );
    }

    #[test]
    fn repeated_tag_fails_at_the_second_name() {
        let d =
            check_swagger(&TagRedefined, json!({"tags": [{"name": "Tasks"}, {"name": "Tasks"}]}));
        assert_eq!(pointers(&d), ["/tags/1/name"]);
    }
}
