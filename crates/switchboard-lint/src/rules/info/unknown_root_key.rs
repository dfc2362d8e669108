use switchboard_model::swagger::ROOT_KEYS;

use super::common::replace_string;
use super::openapi3_root_keys::OPENAPI3_KEYS;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every key at the document root is a Swagger 2.0 field (`swagger`, `info`,
    /// `host`, `basePath`, `schemes`, `consumes`, `produces`, `paths`, `definitions`,
    /// `parameters`, `responses`, `securityDefinitions`, `security`, `tags`, `externalDocs`) or
    /// an extension starting with `x-`. OpenAPI 3 keys are SW002's.
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects other keys ("AdditionalPropertyNotAllowed", or
    /// "ExtensionNameNotValid" for `X-…`). Keys are case-sensitive, so a misspelt `basepath` is
    /// also silently ignored: the backend URL loses its base path.
    ///
    /// ## Example
    /// ```json
    /// { "host": "api.contoso.com", "basepath": "/v2" }
    /// ```
    ///
    /// ## Fix
    /// Correct the spelling (`basePath`), prefix vendor extensions with `x-`, or remove the key.
    pub UnknownRootKey {
        code: "SW003",
        name: "unknown-root-key",
        group: Info,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("AdditionalPropertyNotAllowed"),
    }
}

impl Check for UnknownRootKey {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(root) = sw.root().as_object() else { return };
        for m in &root.members {
            let key = m.key.as_str();
            if key.starts_with("x-") || ROOT_KEYS.contains(&key) || OPENAPI3_KEYS.contains(&key) {
                continue;
            }
            if key.len() > 2 && key[..2].eq_ignore_ascii_case("x-") {
                let fixed = format!("x-{}", &key[2..]);
                let d = cx.report_swagger(
                    m.key_span,
                    format!(
                        "The extension name '{key}' is not valid: extensions must start with 'x-'"
                    ),
                );
                if !root.contains_key(&fixed) {
                    d.set_fix(replace_string(m.key_span, &fixed, format!("Rename to `{fixed}`")));
                }
                continue;
            }
            let known = ROOT_KEYS.iter().find(|k| k.eq_ignore_ascii_case(key));
            let d = cx.report_swagger(
                m.key_span,
                format!(
                    "The property '{key}' is not allowed at the root of a Swagger 2.0 document"
                ),
            );
            match known {
                Some(k) => {
                    d.set_help(format!("keys are case-sensitive: did you mean '{k}'?"));
                    if !root.contains_key(k) {
                        d.set_fix(replace_string(m.key_span, k, format!("Rename to `{k}`")));
                    }
                }
                None => {
                    d.set_help(
                        "use a Swagger 2.0 root field, or prefix a vendor extension with 'x-'",
                    );
                }
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
    fn swagger_fields_and_extensions_pass() {
        let d = check_swagger(
            &UnknownRootKey,
            json!({"externalDocs": {"url": "https://x.io"}, "x-ms-connector-metadata": []}),
        );
        assert!(d.is_empty());
        // OpenAPI 3 keys are SW002's.
        assert!(check_swagger(&UnknownRootKey, json!({"openapi": "3.0.0"})).is_empty());
    }

    #[test]
    fn misspelt_key_fails_with_a_rename_fix() {
        let d = check_swagger(&UnknownRootKey, json!({"basePath": null, "basepath": "/v1"}));
        assert_eq!(pointers(&d), ["/basepath"]);
        assert_eq!(
            d[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()),
            Some("\"basePath\"")
        );
    }

    #[test]
    fn misspelt_key_next_to_the_real_one_has_no_fix() {
        let d = check_swagger(&UnknownRootKey, json!({"basepath": "/v1"}));
        assert_eq!(pointers(&d), ["/basepath"]);
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn unknown_key_and_uppercase_extension_fail() {
        let d = check_swagger(&UnknownRootKey, json!({"servers2": 1, "X-Logo": {}}));
        assert_eq!(d.len(), 2);
        let mut p = pointers(&d);
        p.sort_unstable();
        assert_eq!(p, ["/X-Logo", "/servers2"]);
        assert!(d.iter().any(|d| d.message.contains("extension name 'X-Logo'")));
    }
}
