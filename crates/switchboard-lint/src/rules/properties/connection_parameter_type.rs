use switchboard_model::api_properties::CONNECTION_PARAMETER_TYPES;

use super::common::parameters;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every connection parameter has a `type` and that it is one of `string`,
    /// `securestring`, `int`, `bool`, `oauthSetting` or `gatewaySetting` (case-sensitive).
    ///
    /// ## Why it matters
    /// The type decides how the connection dialog asks for the value and how it is stored:
    /// `securestring` values are never shown again, `oauthSetting` starts the sign-in flow.
    /// An unknown or misspelt type (`oAuthSetting`, `password`) fails the import or turns a
    /// secret into plain text.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "connectionParameters": { "token": { "type": "oAuthSetting" } } } }
    /// ```
    ///
    /// ## Fix
    /// Use one of the six types with exactly this spelling; secrets are `securestring`.
    pub ConnectionParameterType {
        code: "AP021",
        name: "connection-parameter-type",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ConnectionParameterType {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for p in parameters(&props) {
            if p.param.node.as_object().is_none() {
                continue;
            }
            let Some(value) = p.param.node.get("type") else {
                cx.report_properties(
                    p.param.node.span,
                    format!(
                        "The 'type' property is required (connection parameter {}).",
                        p.label()
                    ),
                )
                .set_help(format!(
                    "set `type` to one of {}",
                    CONNECTION_PARAMETER_TYPES.join(", ")
                ));
                continue;
            };
            let Some(t) = value.as_str() else {
                cx.report_properties(
                    value.span,
                    format!(
                        "the type of connection parameter {} must be a string, found {}",
                        p.label(),
                        value.json_type().article_name()
                    ),
                );
                continue;
            };
            if CONNECTION_PARAMETER_TYPES.contains(&t) {
                continue;
            }
            let help = match CONNECTION_PARAMETER_TYPES.iter().find(|k| k.eq_ignore_ascii_case(t)) {
                Some(k) => format!("write '{k}' (types are case-sensitive)"),
                None => format!("use one of {}", CONNECTION_PARAMETER_TYPES.join(", ")),
            };
            cx.report_properties(
                value.span,
                format!("connection parameter {} has unknown type '{t}'", p.label()),
            )
            .set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn known_types_pass() {
        let patch = json!({"properties": {"connectionParameters": {
            "gw": {"type": "gatewaySetting"}, "n": {"type": "int"}
        }}});
        assert!(check_properties(&ConnectionParameterType, patch).is_empty());
    }

    #[test]
    fn wrong_case_and_missing_type_fail() {
        let patch = json!({"properties": {"connectionParameters": {
            "token": {"type": "oAuthSetting"}, "other": {"uiDefinition": {}}
        }}});
        let d = check_properties(&ConnectionParameterType, patch);
        assert_eq!(
            pointers(&d),
            [
                "/properties/connectionParameters/token/type",
                "/properties/connectionParameters/other"
            ]
        );
        assert_eq!(d[0].help.as_deref(), Some("write 'oauthSetting' (types are case-sensitive)"));
        assert_eq!(d[0].severity, Severity::Error);
    }
}
