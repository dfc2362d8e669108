use super::common::parameters;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every connection parameter other than OAuth (`oauthSetting`) parameters has a
    /// `uiDefinition` with a non-empty `displayName` and `description`.
    ///
    /// ## Why it matters
    /// These texts are the label and the explanation users see in the connection dialog;
    /// without them the dialog shows the raw parameter name. Certification checks them
    /// (policies 5000.2.6.9 and 5000.2.6.10 in third-party readings); many older certified
    /// connectors lack them, hence a warning.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "connectionParameters": { "region": { "type": "string",
    ///   "uiDefinition": { "displayName": "Region" } } } } }
    /// ```
    ///
    /// ## Fix
    /// Add `"displayName": "Region"` and a one-sentence `"description"` to `uiDefinition`.
    pub ConnectionParameterUiText {
        code: "AP022",
        name: "connection-parameter-ui-text",
        group: Properties,
        levels: Levels::cert(Severity::Warning),
    }
}

impl Check for ConnectionParameterUiText {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for p in parameters(&props) {
            if p.param.node.as_object().is_none() || p.is_oauth() {
                continue;
            }
            let Some(ui) = p.param.ui_definition().filter(|u| u.as_object().is_some()) else {
                cx.report_properties(p.param.node.span, format!("connection parameter {} has no 'uiDefinition' with a display name and description", p.label()))
                    .set_help("add \"uiDefinition\": {\"displayName\": …, \"description\": …}");
                continue;
            };
            for field in ["displayName", "description"] {
                let span = match ui.get(field) {
                    None => ui.span,
                    Some(v) if v.as_str().is_some_and(|s| s.trim().is_empty()) || v.is_null() => {
                        v.span
                    }
                    Some(_) => continue,
                };
                cx.report_properties(span, format!("connection parameter {} needs a non-empty 'uiDefinition.{field}'", p.label()))
                    .set_help("users see the display name as the field label and the description as its explanation");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_properties, check_with, pointers};
    use serde_json::json;

    #[test]
    fn complete_ui_definition_and_oauth_parameters_pass() {
        let patch = json!({"properties": {"connectionParameters": {
            "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2"}}
        }}});
        assert!(check_properties(&ConnectionParameterUiText, patch).is_empty());
    }

    #[test]
    fn missing_and_empty_texts_fail() {
        let patch = json!({"properties": {"connectionParameters": {
            "region": {"type": "string", "uiDefinition": {"displayName": "Region", "description": ""}},
            "host": {"type": "string"}
        }}});
        let d = check_properties(&ConnectionParameterUiText, patch);
        assert_eq!(
            pointers(&d),
            [
                "/properties/connectionParameters/region/uiDefinition/description",
                "/properties/connectionParameters/host"
            ]
        );
        assert_eq!(d[0].severity, Severity::Warning);
        let c = Fixture::new()
            .properties(json!({"properties": {"connectionParameters": {"api_key": {"uiDefinition": {"displayName": null}}}}}))
            .build();
        let d = check_with(&ConnectionParameterUiText, &c, Profile::Default);
        assert_eq!(pointers(&d), ["/properties/connectionParameters/api_key/uiDefinition"]);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
