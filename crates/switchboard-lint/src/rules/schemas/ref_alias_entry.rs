use super::common::Section;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no entry of `#/definitions`, `#/parameters` or `#/responses` is itself a
    /// `$ref` to another entry.
    ///
    /// ## Why it matters
    /// The platform resolves one level of reference: an entry that only aliases another one
    /// is rejected ("The schema definition may not use a '$ref' to point to another
    /// definition."), and a chain of aliases can loop.
    ///
    /// ## Example
    /// ```json
    /// { "definitions": { "Item": { "$ref": "#/definitions/Task" } } }
    /// ```
    ///
    /// ## Fix
    /// Reference the target (`#/definitions/Task`) wherever the alias is used, and remove the
    /// alias entry.
    pub RefAliasEntry {
        code: "SW133",
        name: "ref-alias-entry",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("SchemaRefLoopNotAllowed"),
    }
}

impl Check for RefAliasEntry {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let sections = [
            (Section::Definitions, sw.doc.definitions()),
            (Section::Parameters, sw.doc.shared_parameters()),
            (Section::Responses, sw.doc.shared_responses()),
        ];
        for (section, object) in sections {
            for m in object.into_iter().flat_map(|o| o.members.iter()) {
                let Some(r) = m.value.get("$ref").filter(|r| r.as_str().is_some()) else {
                    continue;
                };
                let noun = section.noun();
                cx.report_value(
                    r,
                    format!(
                        "The {noun} definition '{}' may not use a '$ref' to point to another definition.",
                        m.key
                    ),
                )
                .set_help("reference the target directly where this entry is used, and remove the alias");
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
    fn real_entries_pass() {
        assert!(check_swagger(&RefAliasEntry, json!({})).is_empty());
    }

    #[test]
    fn alias_entries_fail_at_the_ref() {
        let d = check_swagger(
            &RefAliasEntry,
            json!({
                "definitions": {"Item": {"$ref": "#/definitions/Task"}},
                "parameters": {"id": {"$ref": "#/parameters/other"}}
            }),
        );
        assert_eq!(pointers(&d), ["/definitions/Item/$ref", "/parameters/id/$ref"]);
        assert!(d[1].message.starts_with("The parameter definition 'id' may not use"));
    }
}
