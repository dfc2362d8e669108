use crate::fast_hash::FastMap;
use switchboard_diagnostics::{Edit, Fix};

use super::common::keyword_members;
use crate::{Check, Context, Levels, Severity, declare_rule};
use switchboard_model::swagger::extensions::misspelling_of as intended;

declare_rule! {
    /// ## What it does
    /// Checks for misspelled `x-ms-*` extension keys: a key starting with `x` that is not a
    /// known extension but is within two edits of one (case-insensitively), such as
    /// `x-ms-visibilty`, `x-ms-summmary` or `x-ms  -summary`, or is one followed by stray
    /// text (`x-ms-summary title`). Names of properties,
    /// definitions, parameters and headers are not checked, nor are example values.
    ///
    /// ## Why it matters
    /// The platform ignores unknown keys, so a typo silently disables the extension: the
    /// field shows its raw name instead of its `x-ms-summary`, an "internal" input becomes
    /// visible, and Microsoft's validator then reports "x-ms-summary is required" on a field
    /// that seems to have one.
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "x-ms-visibilty": "advanced" }
    /// ```
    ///
    /// ## Fix
    /// Correct the key (the fix renames it to the extension it is closest to).
    pub MisspelledExtension {
        code: "BX010",
        name: "misspelled-extension",
        group: Beyond,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for MisspelledExtension {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut found = Vec::new();
        // Verdicts per distinct key: the same few keys repeat thousands of times.
        let mut verdicts: FastMap<&str, Option<&'static str>> = FastMap::default();
        for &m in &keyword_members(sw).1 {
            if let Some(k) = *verdicts.entry(m.key.as_str()).or_insert_with(|| intended(&m.key)) {
                found.push((m, k));
            }
        }
        for (m, known) in found {
            cx.report_swagger(m.key_span, format!("'{}' is not an extension the platform knows; did you mean '{known}'?", m.key))
                .set_help("the platform ignores unknown keys, so the extension has no effect until the key is corrected")
                .set_fix(Fix {
                    message: format!("Rename to `{known}`"),
                    edits: vec![Edit { span: m.key_span, replacement: format!("\"{known}\"") }],
                });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn known_extensions_and_names_pass() {
        assert!(check_swagger(&MisspelledExtension, json!({})).is_empty());
        // A property *named* like a typo, and typos inside examples, are not keys to check.
        let d = check_swagger(
            &MisspelledExtension,
            json!({"definitions": {"Task": {
                "properties": {"x-ms-summry": {"type": "string"}},
                "example": {"x-ms-visibilty": 1},
                "x-nullable": true
            }}}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn typos_fail_at_the_key_with_a_fix() {
        let d = check_swagger(
            &MisspelledExtension,
            json!({"definitions": {"Task": {"properties": {"id": {"type": "string", "x-ms-visibilty": "advanced", "x-ms  -summary": "Id"}}}}}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/definitions/Task/properties/id/x-ms-visibilty",
                "/definitions/Task/properties/id/x-ms  -summary"
            ]
        );
        assert!(d[0].message.contains("did you mean 'x-ms-visibility'"));
        let fix = d[1].fix.as_ref().map(|f| f.edits[0].replacement.as_str());
        assert_eq!(fix, Some("\"x-ms-summary\""));
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn distance_is_bounded() {
        assert_eq!(intended("x-ms-summmary"), Some("x-ms-summary"));
        assert_eq!(intended("X-MS-Summary"), Some("x-ms-summary"));
        assert_eq!(intended("x-summary"), None);
        assert_eq!(intended("x-ms-visibility"), None);
        assert_eq!(intended("x-nullable"), None);
        assert_eq!(intended("x-ms-summary title"), Some("x-ms-summary"));
        assert_eq!(intended("x-ms-enum-values"), None);
        assert_eq!(intended("x-ms-dynamic-values-extra"), None);
    }
}
