//! Typed, zero-copy views of `apiProperties.json`.

use crate::json::{Member, Value};
use crate::source::Span;

/// Connection parameter types the platform accepts.
pub const CONNECTION_PARAMETER_TYPES: &[&str] =
    &["string", "securestring", "int", "bool", "oauthSetting", "gatewaySetting"];

/// Policy template ids the platform documents (lowercase; ids compare case-insensitively).
pub const DOCUMENTED_TEMPLATE_IDS: &[&str] = &[
    "convertarraytoobject",
    "convertobjecttoarray",
    "dynamichosturl",
    "encodepropertyvalue",
    "pollingtrigger",
    "routerequesttoendpoint",
    "setheader",
    "setproperty",
    "setqueryparameter",
    "setvaluefromurl",
    "stringreplace",
    "stringtoarray",
    "updatenextlink",
];

/// A view of an `apiProperties.json` root.
#[derive(Clone, Copy, Debug)]
pub struct ApiProperties<'a> {
    /// The root value.
    pub root: &'a Value,
}

impl<'a> ApiProperties<'a> {
    /// A view of `root`.
    pub fn new(root: &'a Value) -> Self {
        Self { root }
    }

    /// The `properties` object.
    pub fn properties(&self) -> Option<&'a Value> {
        self.root.get("properties").filter(|v| v.as_object().is_some())
    }

    fn prop(self, key: &str) -> Option<&'a Value> {
        self.properties()?.get(key)
    }

    /// `properties.iconBrandColor`.
    pub fn icon_brand_color(&self) -> Option<&'a str> {
        self.prop("iconBrandColor")?.as_str()
    }

    /// `properties.publisher`.
    pub fn publisher(&self) -> Option<&'a str> {
        self.prop("publisher")?.as_str()
    }

    /// `properties.stackOwner`.
    pub fn stack_owner(&self) -> Option<&'a str> {
        self.prop("stackOwner")?.as_str()
    }

    /// `properties.capabilities` strings.
    pub fn capabilities(&self) -> impl Iterator<Item = &'a str> {
        self.prop("capabilities").into_iter().flat_map(Value::items).filter_map(Value::as_str)
    }

    /// `properties.connectionParameters` entries.
    pub fn connection_parameters(&self) -> impl Iterator<Item = ConnectionParameter<'a>> {
        self.prop("connectionParameters")
            .into_iter()
            .flat_map(Value::members)
            .map(ConnectionParameter::from_member)
    }

    /// The connection parameter named `name`.
    pub fn connection_parameter(&self, name: &str) -> Option<ConnectionParameter<'a>> {
        self.connection_parameters().filter(|p| p.name == name).last()
    }

    /// `properties.connectionParameterSets` (multi-auth), when present.
    pub fn connection_parameter_sets(&self) -> Option<&'a Value> {
        self.prop("connectionParameterSets")
    }

    /// Parameters of every set in `connectionParameterSets.values[]`, as `(set name, parameter)`.
    pub fn parameter_set_parameters(
        &self,
    ) -> impl Iterator<Item = (&'a str, ConnectionParameter<'a>)> {
        self.connection_parameter_sets()
            .and_then(|s| s.get("values"))
            .into_iter()
            .flat_map(Value::items)
            .flat_map(|set| {
                let set_name = set.get_str("name").unwrap_or("");
                set.get("parameters")
                    .into_iter()
                    .flat_map(Value::members)
                    .map(move |m| (set_name, ConnectionParameter::from_member(m)))
            })
    }

    /// `properties.policyTemplateInstances` entries.
    pub fn policy_template_instances(&self) -> impl Iterator<Item = PolicyTemplateInstance<'a>> {
        self.prop("policyTemplateInstances")
            .into_iter()
            .flat_map(Value::items)
            .map(|node| PolicyTemplateInstance { node })
    }

    /// `properties.scriptOperations` entries with their values.
    pub fn script_operations(&self) -> impl Iterator<Item = &'a Value> {
        self.prop("scriptOperations").into_iter().flat_map(Value::items)
    }
}

/// One connection parameter.
#[derive(Clone, Copy, Debug)]
pub struct ConnectionParameter<'a> {
    /// Its name (the key).
    pub name: &'a str,
    /// Span of the key.
    pub key_span: Span,
    /// The parameter object.
    pub node: &'a Value,
}

impl<'a> ConnectionParameter<'a> {
    fn from_member(m: &'a Member) -> Self {
        Self { name: &m.key, key_span: m.key_span, node: &m.value }
    }

    /// `type`.
    pub fn param_type(&self) -> Option<&'a str> {
        self.node.get_str("type")
    }

    /// `uiDefinition`.
    pub fn ui_definition(&self) -> Option<&'a Value> {
        self.node.get("uiDefinition")
    }

    /// `uiDefinition.displayName`.
    pub fn display_name(&self) -> Option<&'a str> {
        self.ui_definition()?.get_str("displayName")
    }

    /// `uiDefinition.description`.
    pub fn description(&self) -> Option<&'a str> {
        self.ui_definition()?.get_str("description")
    }

    /// `uiDefinition.constraints.required` as a boolean (`"true"` or `true`).
    pub fn is_required(&self) -> bool {
        let v =
            self.ui_definition().and_then(|u| u.get("constraints")).and_then(|c| c.get("required"));
        matches!(v.map(|v| (v.as_str(), v.as_bool())), Some((Some("true"), _) | (_, Some(true))))
    }

    /// `oAuthSettings`.
    pub fn oauth_settings(&self) -> Option<OAuthSettings<'a>> {
        self.node.get("oAuthSettings").map(|node| OAuthSettings { node })
    }
}

/// `oAuthSettings` of an `oauthSetting` connection parameter.
#[derive(Clone, Copy, Debug)]
pub struct OAuthSettings<'a> {
    /// The settings object.
    pub node: &'a Value,
}

impl<'a> OAuthSettings<'a> {
    /// `identityProvider`.
    pub fn identity_provider(&self) -> Option<&'a str> {
        self.node.get_str("identityProvider")
    }

    /// `clientId`.
    pub fn client_id(&self) -> Option<&'a str> {
        self.node.get_str("clientId")
    }

    /// `clientSecret`.
    pub fn client_secret(&self) -> Option<&'a Value> {
        self.node.get("clientSecret")
    }

    /// `redirectUrl`.
    pub fn redirect_url(&self) -> Option<&'a str> {
        self.node.get_str("redirectUrl")
    }

    /// `redirectMode`.
    pub fn redirect_mode(&self) -> Option<&'a str> {
        self.node.get_str("redirectMode")
    }

    /// `scopes` strings.
    pub fn scopes(&self) -> impl Iterator<Item = &'a str> {
        self.node.get("scopes").into_iter().flat_map(Value::items).filter_map(Value::as_str)
    }

    /// `customParameters.<name>.value`.
    pub fn custom_parameter(&self, name: &str) -> Option<&'a str> {
        self.node.get("customParameters")?.get(name)?.get_str("value")
    }
}

/// One entry of `policyTemplateInstances`.
#[derive(Clone, Copy, Debug)]
pub struct PolicyTemplateInstance<'a> {
    /// The instance object.
    pub node: &'a Value,
}

impl<'a> PolicyTemplateInstance<'a> {
    /// `templateId` as written (ids compare case-insensitively).
    pub fn template_id(&self) -> Option<&'a str> {
        self.node.get_str("templateId")
    }

    /// `title`.
    pub fn title(&self) -> Option<&'a str> {
        self.node.get_str("title")
    }

    /// The `parameters` object.
    pub fn parameters(&self) -> Option<&'a Value> {
        self.node.get("parameters")
    }

    /// `parameters["x-ms-apimTemplateParameter.<name>"]`.
    pub fn template_parameter(&self, name: &str) -> Option<&'a Value> {
        let params = self.parameters()?;
        params
            .members()
            .rev()
            .find(|m| m.key.strip_prefix("x-ms-apimTemplateParameter.") == Some(name))
            .map(|m| &m.value)
    }

    /// The operations the instance is scoped to (`x-ms-apimTemplate-operationName`); empty
    /// means every operation.
    pub fn operation_names(&self) -> impl Iterator<Item = &'a Value> {
        self.parameters()
            .and_then(|p| p.get("x-ms-apimTemplate-operationName"))
            .into_iter()
            .flat_map(Value::items)
    }

    /// `x-ms-apimTemplate-policySection` (`Request` by default).
    pub fn policy_section(&self) -> Option<&'a str> {
        self.parameters()?.get_str("x-ms-apimTemplate-policySection")
    }
}
