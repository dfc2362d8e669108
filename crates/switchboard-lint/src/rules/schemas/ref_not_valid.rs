use super::common::{RefSite, direct_target, is_local_pointer, refs};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `$ref` is local and points directly at an entry of the right
    /// section: schemas at `#/definitions/<name>`, parameter list entries at
    /// `#/parameters/<name>`, responses at `#/responses/<name>`.
    ///
    /// ## Why it matters
    /// The platform stores a connector as one self-contained document: references to other
    /// files or URLs cannot be resolved, and references into the middle of a definition
    /// (`#/definitions/Task/properties/owner`) or into the wrong section are rejected
    /// ("Schema references must start with '#/definitions/' and be valid JSON Pointers.").
    ///
    /// ## Example
    /// ```json
    /// { "schema": { "$ref": "common.json#/definitions/Error" } }
    /// ```
    ///
    /// ## Fix
    /// Copy the referenced schema into `definitions` (or `parameters`, `responses`) and
    /// reference it as `#/definitions/<name>`.
    pub RefNotValid {
        code: "SW131",
        name: "ref-not-valid",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("SchemaReferenceNotValid"),
    }
}

impl Check for RefNotValid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut found = Vec::new();
        for &(site, _, value) in refs(sw) {
            let (Some(r), Some(section)) = (value.as_str(), site.section()) else { continue };
            if r.starts_with('#') && !is_local_pointer(r) {
                continue; // SW130 reports the malformed pointer.
            }
            if !matches!(direct_target(r), Some((s, _)) if s == section) {
                let (noun, key) = (section.noun(), section.key());
                let mut message = format!(
                    "The {noun} reference '{r}' is not valid. {} references must start with '#/{key}/' and be valid JSON Pointers.",
                    capitalise(noun)
                );
                if site == RefSite::Schema && !r.starts_with('#') {
                    message = format!("{message} (external references are not supported)");
                }
                found.push((value, message));
            }
        }
        for (value, message) in found {
            cx.report_value(value, message)
                .set_help("move the target into this document's definitions/parameters/responses and reference it by name");
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn direct_references_pass() {
        let d = check_swagger(
            &RefNotValid,
            json!({
                "parameters": {"top": {"name": "top", "in": "query", "type": "integer"}},
                "responses": {"Err": {"description": "error"}},
                "x-ms-parameterized-host": {"hostTemplate": "{host}", "parameters": [{"$ref": "#/parameters/top"}]},
                "paths": {"/tasks": {"get": {"operationId": "ListTasks", "parameters": [{"$ref": "#/parameters/top"}],
                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Task"}}, "default": {"$ref": "#/responses/Err"}}}}}
            }),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn shared_entry_aliases_are_judged_by_their_section() {
        // SW133 reports the alias itself; the target section is right.
        let d = check_swagger(
            &RefNotValid,
            json!({"parameters": {"a": {"$ref": "#/parameters/b"}}, "responses": {"c": {"$ref": "#/responses/d"}}}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn remote_deep_and_cross_section_references_fail() {
        let d = check_swagger(
            &RefNotValid,
            json!({
                "definitions": {"Task": {"properties": {
                    "a": {"$ref": "common.json#/definitions/Error"},
                    "b": {"$ref": "#/definitions/NewTask/properties/title"},
                    "c": {"$ref": "#/parameters/top"}
                }}},
                "paths": {"/tasks/{taskId}": {"get": {"parameters": [{"$ref": "#/definitions/Task"}]}}}
            }),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/parameters/0/$ref",
                "/definitions/Task/properties/a/$ref",
                "/definitions/Task/properties/b/$ref",
                "/definitions/Task/properties/c/$ref",
            ]
        );
        assert!(d[0].message.contains("must start with '#/parameters/'"));
        assert!(d[1].message.contains("external references"));
    }
}
