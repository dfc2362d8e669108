use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the root `swagger` member is the string `"2.0"`.
    ///
    /// ## Why it matters
    /// Connectors are Swagger 2.0 documents; the platform rejects any other version
    /// ("SpecificationVersionIncorrect"), and OpenAPI 3 documents must be converted first.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": 2.0 }
    /// ```
    ///
    /// ## Fix
    /// Set `"swagger": "2.0"` (a string). For an OpenAPI 3 document, run
    /// `switchboard import openapi FILE -o DIR`.
    pub SwaggerVersion {
        code: "SW001",
        name: "swagger-version",
        group: Info,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("SpecificationVersionIncorrect"),
    }
}

impl Check for SwaggerVersion {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let root = sw.root();
        if root.as_object().is_none() {
            return; // JS005 reports it.
        }
        match root.get("swagger") {
            Some(v) if v.as_str() == Some("2.0") => {}
            Some(v) => {
                let found = v
                    .as_str()
                    .map_or_else(|| v.json_type().article_name().to_string(), |s| format!("'{s}'"));
                cx.report_value(v, format!("The 'swagger' property must be \"2.0\", found {found}"))
                    .set_help("connectors are Swagger 2.0 documents; convert OpenAPI 3 with `switchboard import openapi`");
            }
            None => {
                cx.report_value(root, "The 'swagger' property is required.")
                    .set_help("add \"swagger\": \"2.0\" at the top of the file");
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
    fn two_point_zero_passes() {
        assert!(check_swagger(&SwaggerVersion, json!({})).is_empty());
    }

    #[test]
    fn number_fails_at_the_value() {
        let d = check_swagger(&SwaggerVersion, json!({"swagger": 2.0}));
        assert_eq!(pointers(&d), ["/swagger"]);
        assert!(d[0].message.contains("found a number"));
    }

    #[test]
    fn missing_fails_at_the_root() {
        let d = check_swagger(&SwaggerVersion, json!({"swagger": null}));
        assert_eq!(pointers(&d), [""]);
    }
}
