use super::common::{TEMPLATES, template_spec};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every entry of `policyTemplateInstances` has a `templateId` naming a
    /// documented policy template (compared case-insensitively): convertarraytoobject,
    /// convertobjecttoarray, dynamichosturl, encodepropertyvalue, pollingtrigger,
    /// routerequesttoendpoint, setconnectionstatustounauthenticated, setheader, setproperty,
    /// setqueryparameter, setvaluefromurl, stringreplace, stringtoarray, updatenextlink.
    ///
    /// ## Why it matters
    /// The platform implements a fixed set of templates; an unknown id fails the import or is
    /// ignored, and the request then goes out without the header, host or path the template
    /// was meant to set. Undocumented ids seen in Microsoft's own connectors
    /// (`dynamicsubdomain`, `moveproperties`) are not available to custom connectors.
    ///
    /// ## Example
    /// ```json
    /// { "policyTemplateInstances": [ { "templateId": "dynamicsubdomain", "parameters": {} } ] }
    /// ```
    ///
    /// ## Fix
    /// Use a documented template: `dynamichosturl` instead of `dynamicsubdomain`, a sequence of
    /// `setproperty` instances or custom code instead of `moveproperties`.
    pub PolicyTemplateUnknown {
        code: "AP030",
        name: "policy-template-unknown",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PolicyTemplateUnknown {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for (i, instance) in props.policy_template_instances().enumerate() {
            if instance.node.as_object().is_none() {
                continue;
            }
            let Some(value) = instance.node.get("templateId") else {
                cx.report_properties(
                    instance.node.span,
                    format!(
                        "The 'templateId' property is required (policy template instance {i})."
                    ),
                )
                .set_help("name the policy template, e.g. \"templateId\": \"setheader\"");
                continue;
            };
            let Some(id) = value.as_str() else { continue };
            if template_spec(id).is_none() {
                let ids: Vec<&str> = TEMPLATES.iter().map(|t| t.id).collect();
                let title = instance.title().map(|t| format!(" ('{t}')")).unwrap_or_default();
                cx.report_properties(
                    value.span,
                    format!("unknown policy template '{id}' in instance {i}{title}"),
                )
                .set_help(format!("use one of {}", ids.join(", ")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn documented_ids_pass_in_any_case() {
        let patch = json!({"properties": {"policyTemplateInstances": [
            {"templateId": "SetHeader", "parameters": {}},
            {"templateId": "setconnectionstatustounauthenticated", "parameters": {}}
        ]}});
        assert!(check_properties(&PolicyTemplateUnknown, patch).is_empty());
    }

    #[test]
    fn unknown_and_missing_ids_fail() {
        let patch = json!({"properties": {"policyTemplateInstances": [
            {"templateId": "dynamicsubdomain", "title": "Host"},
            {"title": "nothing"}
        ]}});
        let d = check_properties(&PolicyTemplateUnknown, patch);
        assert_eq!(
            pointers(&d),
            [
                "/properties/policyTemplateInstances/0/templateId",
                "/properties/policyTemplateInstances/1"
            ]
        );
        assert!(d[0].message.contains("('Host')"));
        assert_eq!(d[0].severity, Severity::Error);
    }
}
