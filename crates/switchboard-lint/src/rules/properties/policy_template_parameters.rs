use super::common::template_spec;
use crate::{Check, Context, Levels, Severity, declare_rule};

const PREFIX: &str = "x-ms-apimTemplateParameter.";
const SECTION: &str = "x-ms-apimTemplate-policySection";

declare_rule! {
    /// ## What it does
    /// Checks each policy template instance's `parameters` against its template: every required
    /// `x-ms-apimTemplateParameter.*` input is present (setheader and setqueryparameter:
    /// `name`, `value`; dynamichosturl: `urlTemplate`; routerequesttoendpoint: `newPath`;
    /// setproperty: `newPropertyParentPathTemplate`, `newPropertySubPathTemplate`,
    /// `propertyValuePathTemplate`; setvaluefromurl: `parameterTemplate`, `parameterValueUrl`,
    /// `parameterValuePathTemplate`; stringreplace: `propertyParentPath`, `sourceString`,
    /// `replacementString`, `newPropertyPath`; stringtoarray: `propertyParentPath`,
    /// `delimiterList`, `childPropertyName`, `newPropertyPath`; convertobjecttoarray and
    /// encodepropertyvalue: `propertyParentPath`, `newPropertyPath`; convertarraytoobject: also
    /// `keyWithinCollectionPath`; updatenextlink: `nextLinkPropertyName`; pollingtrigger:
    /// `triggerConfig`, `triggerDataPath`; setconnectionstatustounauthenticated: `statusCode`);
    /// `existsAction` is `override`, `skip` or `append`; `httpMethod` is one the template
    /// accepts; and `x-ms-apimTemplate-policySection` names a stage the template runs in
    /// (`Request`, `Response`, and `Failure` for setheader; fixed-stage templates such as
    /// dynamichosturl accept only their own stage). An instance that passes these checks is then
    /// built with the runtime's own `switchboard_runtime::policies::build` (the function `invoke`
    /// and the server use), and whatever that refuses — an invalid header name, a malformed
    /// expression, a bad trigger configuration — is reported too, so that what validates runs.
    ///
    /// ## Why it matters
    /// A template without its inputs cannot run: the import fails or every call of the scoped
    /// operations fails at run time. A misspelt stage or action is rejected by the schema.
    ///
    /// ## Example
    /// ```json
    /// { "templateId": "setheader", "parameters": { "x-ms-apimTemplateParameter.name": "Accept" } }
    /// ```
    ///
    /// ## Fix
    /// Add the missing input (`"x-ms-apimTemplateParameter.value": "application/json"`), and
    /// spell stages and actions exactly as documented.
    pub PolicyTemplateParameters {
        code: "AP031",
        name: "policy-template-parameters",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PolicyTemplateParameters {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for (i, instance) in props.policy_template_instances().enumerate() {
            let Some(spec) = instance.template_id().and_then(template_spec) else { continue }; // AP030
            let id = spec.id;
            let before = cx.reported();
            let params = instance.parameters().filter(|p| p.as_object().is_some());
            for name in spec.required {
                if instance.template_parameter(name).is_none() {
                    let span = params.unwrap_or(instance.node).span;
                    cx.report_properties(
                        span,
                        format!("policy template '{id}' (instance {i}) requires '{PREFIX}{name}'"),
                    )
                    .set_help(format!("add \"{PREFIX}{name}\" to the instance's parameters"));
                }
            }
            if spec.exists_action
                && let Some(v) = instance.template_parameter("existsAction")
                && let Some(action) =
                    v.as_str().filter(|a| !["override", "skip", "append"].contains(a))
            {
                cx.report_properties(v.span, format!("'existsAction' of policy template '{id}' (instance {i}) must be override, skip or append, found '{action}'"));
            }
            if let Some(v) = instance.template_parameter("httpMethod")
                && let Some(method) = v.as_str().filter(|m| !spec.methods.contains(m))
            {
                let allowed = if spec.methods.is_empty() {
                    "takes no httpMethod".to_string()
                } else {
                    format!("accepts {}", spec.methods.join(", "))
                };
                cx.report_properties(
                    v.span,
                    format!("policy template '{id}' (instance {i}) {allowed}, found '{method}'"),
                );
            }
            if let Some(v) = params.and_then(|p| p.get(SECTION))
                && let Some(section) = v.as_str().filter(|s| !spec.sections.contains(s))
            {
                cx.report_properties(
                    v.span,
                    format!(
                        "policy template '{id}' (instance {i}) runs in {}, not '{section}'",
                        spec.sections.join(" or ")
                    ),
                )
                .set_help("stages are case-sensitive: Request, Response or Failure");
            }
            // The precise findings above name the member; the runtime's build covers the rest
            // (values, expressions), reported on the instance when nothing else was.
            if cx.reported() == before
                && let Err(err) =
                    switchboard_runtime::policies::build(i, &serde_json::Value::from(instance.node))
            {
                cx.report_properties(instance.node.span, format!("{err}"))
                    .set_help("the runtime cannot run this instance as written");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    fn instances(list: &serde_json::Value) -> serde_json::Value {
        json!({"properties": {"policyTemplateInstances": list}})
    }

    #[test]
    fn complete_instances_pass() {
        let patch = instances(&json!([
            {"templateId": "setHeader", "parameters": {
                "x-ms-apimTemplateParameter.name": "Accept", "x-ms-apimTemplateParameter.value": "application/json",
                "x-ms-apimTemplateParameter.existsAction": "skip", "x-ms-apimTemplate-policySection": "Failure"}},
            {"templateId": "dynamichosturl", "parameters": {
                "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('host')",
                "x-ms-apimTemplate-policySection": "Request"}},
            {"templateId": "moveproperties", "parameters": {}}
        ]));
        assert!(check_properties(&PolicyTemplateParameters, patch).is_empty());
    }

    #[test]
    fn missing_inputs_and_bad_values_fail() {
        let patch = instances(&json!([
            {"templateId": "setheader", "parameters": {
                "x-ms-apimTemplateParameter.name": "Accept", "x-ms-apimTemplateParameter.existsAction": "replace",
                "x-ms-apimTemplate-policySection": "request"}},
            {"templateId": "routerequesttoendpoint", "parameters": {
                "x-ms-apimTemplateParameter.newPath": "/x", "x-ms-apimTemplateParameter.httpMethod": "FETCH"}},
            {"templateId": "updatenextlink"}
        ]));
        let d = check_properties(&PolicyTemplateParameters, patch);
        assert_eq!(
            pointers(&d),
            [
                "/properties/policyTemplateInstances/0/parameters",
                "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.existsAction",
                "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-policySection",
                "/properties/policyTemplateInstances/1/parameters/x-ms-apimTemplateParameter.httpMethod",
                "/properties/policyTemplateInstances/2",
            ]
        );
        assert!(d[0].message.contains("'x-ms-apimTemplateParameter.value'"));
        assert_eq!(d[0].severity, Severity::Error);
    }

    /// Assently E-Sign's instance 1 in the corpus: complete by the table above, but its header
    /// name cannot be sent, which only the runtime's build knows.
    #[test]
    fn instances_the_runtime_cannot_build_fail() {
        let patch = instances(&json!([
            {"templateId": "setheader", "title": "[[Dummy]]", "parameters": {
                "x-ms-apimTemplateParameter.name": "[[Dummy]]", "x-ms-apimTemplateParameter.value": "x",
                "x-ms-apimTemplateParameter.existsAction": "override"}},
            {"templateId": "setheader", "parameters": {
                "x-ms-apimTemplateParameter.name": "X-Dummy", "x-ms-apimTemplateParameter.value": "x"}}
        ]));
        let d = check_properties(&PolicyTemplateParameters, patch);
        assert_eq!(pointers(&d), ["/properties/policyTemplateInstances/0"]);
        assert!(d[0].message.contains("is not a valid HTTP header name"), "{}", d[0].message);
    }
}
