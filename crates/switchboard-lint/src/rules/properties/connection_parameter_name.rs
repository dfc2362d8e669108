use super::common::parameters;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The reserved name of the tenant-claim parameter.
const TENANT_ID: &str = "token:TenantId";

declare_rule! {
    /// ## What it does
    /// Checks that connection-parameter names (in `connectionParameters` and in every
    /// `connectionParameterSets` set) are made of letters, digits and `_`, optionally as
    /// `name:subname` (sub-parameters of an OAuth parameter, such as `token:customHost`), and
    /// that `token:TenantId`, which is reserved for the Microsoft Entra tenant claim, declares
    /// `metadata.sourceType: "AzureActiveDirectoryTenant"`.
    ///
    /// ## Why it matters
    /// The apiProperties schema only accepts `^[0-9a-zA-Z_]+$` (and the `name:subname` form);
    /// names are also used in policy expressions (`@connectionParameters('api_key')`) and
    /// OAuth templates, where spaces and dashes break parsing. `token:TenantId` is filled by
    /// the platform with the signed-in user's tenant; any other use of the name misbehaves.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "connectionParameters": { "API Key": { "type": "securestring" } } } }
    /// ```
    ///
    /// ## Fix
    /// Rename the parameter (`api_key`) and update every `@connectionParameters('…')` that names
    /// it.
    pub ConnectionParameterName {
        code: "AP020",
        name: "connection-parameter-name",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn valid_name(name: &str) -> bool {
    match name.split_once(':') {
        Some((parent, sub)) => is_word(parent) && is_word(sub),
        None => is_word(name),
    }
}

impl Check for ConnectionParameterName {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for p in parameters(&props) {
            let name = p.param.name;
            if !valid_name(name) {
                let suggested: String = name
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() || c == ':' { c } else { '_' })
                    .collect();
                cx.report_properties(p.param.key_span, format!("connection parameter name {} must match ^[0-9a-zA-Z_]+$", p.label()))
                    .set_help(format!("rename it, e.g. to '{suggested}', and update the @connectionParameters('…') expressions that use it"));
            } else if name == TENANT_ID
                && p.param.node.get("metadata").and_then(|m| m.get_str("sourceType"))
                    != Some("AzureActiveDirectoryTenant")
            {
                cx.report_properties(p.param.key_span, "'token:TenantId' is reserved for the tenant claim and needs \"metadata\": {\"sourceType\": \"AzureActiveDirectoryTenant\"}")
                    .set_help("add the metadata, or give the parameter another name");
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
    fn word_names_and_sub_parameters_pass() {
        let patch = json!({"properties": {"connectionParameters": {
            "token:customHost": {"type": "string"},
            "token:TenantId": {"type": "string", "metadata": {"sourceType": "AzureActiveDirectoryTenant"}}
        }}});
        assert!(check_properties(&ConnectionParameterName, patch).is_empty());
    }

    #[test]
    fn spaces_and_dashes_fail_at_the_key() {
        let patch = json!({"properties": {
            "connectionParameters": {"API Key": {"type": "securestring"}},
            "connectionParameterSets": {"values": [{"name": "a", "parameters": {"x-Auth": {"type": "string"}}}]}
        }});
        let d = check_properties(&ConnectionParameterName, patch);
        assert_eq!(
            pointers(&d),
            [
                "/properties/connectionParameters/API Key",
                "/properties/connectionParameterSets/values/0/parameters/x-Auth"
            ]
        );
        assert!(d[0].help.as_deref().is_some_and(|h| h.contains("'API_Key'")));
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn tenant_id_without_claim_metadata_fails() {
        let patch =
            json!({"properties": {"connectionParameters": {"token:TenantId": {"type": "string"}}}});
        let d = check_properties(&ConnectionParameterName, patch);
        assert_eq!(pointers(&d), ["/properties/connectionParameters/token:TenantId"]);
    }
}
