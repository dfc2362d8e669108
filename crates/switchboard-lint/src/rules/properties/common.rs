//! Facts about apiProperties.json shared by the AP rules.

use switchboard_model::api_properties::{ApiProperties, ConnectionParameter, OAuthSettings};
use switchboard_model::json::{Member, Value};

use crate::SwaggerIndex;

/// One connection parameter with the set it belongs to (`None` for `connectionParameters`,
/// the set's `name` for `connectionParameterSets.values[].parameters`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Param<'a> {
    /// The set name, for parameters of `connectionParameterSets`.
    pub set: Option<&'a str>,
    /// The parameter.
    pub param: ConnectionParameter<'a>,
}

impl<'a> Param<'a> {
    /// `'token'`, or `'token' of parameter set 'oauthEU'`.
    pub fn label(&self) -> String {
        match self.set {
            Some(set) => format!("'{}' of parameter set '{set}'", self.param.name),
            None => format!("'{}'", self.param.name),
        }
    }

    /// Whether the parameter is an OAuth parameter. Compared case-insensitively so that the
    /// misspelt `oAuthSetting` (reported by AP021) still gets its OAuth checks.
    pub fn is_oauth(&self) -> bool {
        self.param.param_type().is_some_and(|t| t.eq_ignore_ascii_case("oauthSetting"))
    }

    /// `oAuthSettings`, when it is an object.
    pub fn oauth_settings(&self) -> Option<OAuthSettings<'a>> {
        self.param.oauth_settings().filter(|s| s.node.as_object().is_some())
    }
}

/// Every connection parameter: the `connectionParameters` entries, then the parameters of each
/// set of `connectionParameterSets.values`.
pub(crate) fn parameters<'a>(props: &ApiProperties<'a>) -> impl Iterator<Item = Param<'a>> {
    let top = props.connection_parameters().map(|param| Param { set: None, param });
    let sets = props
        .connection_parameter_sets()
        .and_then(|s| s.get("values"))
        .into_iter()
        .flat_map(Value::items)
        .flat_map(|set| {
            let name = set.get_str("name");
            set.get("parameters").into_iter().flat_map(Value::members).map(move |m| Param {
                set: Some(name.unwrap_or("")),
                param: connection_parameter(m),
            })
        });
    top.chain(sets)
}

/// Every OAuth parameter (see [`Param::is_oauth`]) with its `oAuthSettings` object.
pub(crate) fn oauth_parameters<'a>(
    props: &ApiProperties<'a>,
) -> impl Iterator<Item = (Param<'a>, OAuthSettings<'a>)> {
    parameters(props).filter(Param::is_oauth).filter_map(|p| Some((p, p.oauth_settings()?)))
}

/// Whether a connection parameter with this name exists, at the top level or in any set.
pub(crate) fn has_parameter(props: ApiProperties<'_>, name: &str) -> bool {
    parameters(&props).any(|p| p.param.name == name)
}

fn connection_parameter(m: &Member) -> ConnectionParameter<'_> {
    ConnectionParameter { name: &m.key, key_span: m.key_span, node: &m.value }
}

/// The member of `object` named `key`, compared ASCII case-insensitively (the platform reads
/// `oAuthSettings.customParameters` keys without regard to case: `AuthorizationUrl` works).
pub(crate) fn member_ignore_case<'a>(object: &'a Value, key: &str) -> Option<&'a Member> {
    object.as_object()?.member_ignore_case(key)
}

/// `customParameters.<key>.value` with the key compared case-insensitively.
pub(crate) fn custom_parameter<'a>(settings: OAuthSettings<'a>, key: &str) -> Option<&'a Value> {
    let params = settings.node.get("customParameters")?;
    member_ignore_case(params, key)?.value.get("value")
}

/// The `operationId`s of the swagger, in file order.
pub(crate) fn operation_ids<'a>(sw: &SwaggerIndex<'a>) -> Vec<&'a str> {
    sw.operations.iter().filter_map(|o| o.op.operation_id()).collect()
}

/// A `#RRGGBB` colour.
pub(crate) fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The span where a missing member of `properties` should go: the `properties` object, or the
/// root when there is none.
pub(crate) fn properties_anchor(props: ApiProperties<'_>) -> switchboard_model::Span {
    props.properties().unwrap_or(props.root).span
}

/// Where to report `key` of `object` when it is missing (`anchor`) or a blank string (the
/// value); `None` when it has content or is not a string (a type error is another finding).
pub(crate) fn missing_or_blank(
    object: &Value,
    key: &str,
    anchor: switchboard_model::Span,
) -> Option<switchboard_model::Span> {
    match object.get(key) {
        None => Some(anchor),
        Some(v) if v.is_null() => Some(v.span),
        Some(v) => v.as_str().filter(|s| s.trim().is_empty()).map(|_| v.span),
    }
}

/// What the platform expects of one policy template (apiProperties schema, runtime spec §3.4).
#[derive(Debug)]
pub(crate) struct TemplateSpec {
    /// The id, lowercase (ids compare case-insensitively).
    pub id: &'static str,
    /// Required `x-ms-apimTemplateParameter.<name>` inputs.
    pub required: &'static [&'static str],
    /// Accepted `x-ms-apimTemplate-policySection` values; a one-element list is a fixed stage.
    pub sections: &'static [&'static str],
    /// Whether the template takes `x-ms-apimTemplateParameter.existsAction`.
    pub exists_action: bool,
    /// Accepted `x-ms-apimTemplateParameter.httpMethod` values (empty: none taken).
    pub methods: &'static [&'static str],
}

const REQ: &[&str] = &["Request"];
const REQ_RESP: &[&str] = &["Request", "Response"];

const fn spec(
    id: &'static str,
    required: &'static [&'static str],
    sections: &'static [&'static str],
) -> TemplateSpec {
    TemplateSpec { id, required, sections, exists_action: false, methods: &[] }
}

/// The policy templates a custom connector may use: the thirteen of the apiProperties schema
/// and `setconnectionstatustounauthenticated`, which Microsoft documents but the schema lacks.
pub(crate) const TEMPLATES: &[TemplateSpec] = &[
    spec(
        "convertarraytoobject",
        &["propertyParentPath", "keyWithinCollectionPath", "newPropertyPath"],
        REQ_RESP,
    ),
    spec("convertobjecttoarray", &["propertyParentPath", "newPropertyPath"], REQ_RESP),
    spec("dynamichosturl", &["urlTemplate"], REQ),
    spec("encodepropertyvalue", &["propertyParentPath", "newPropertyPath"], REQ_RESP),
    spec("pollingtrigger", &["triggerConfig", "triggerDataPath"], REQ_RESP),
    TemplateSpec {
        methods: &[
            "GET",
            "POST",
            "PUT",
            "PATCH",
            "DELETE",
            "OPTIONS",
            "HEAD",
            "@Request.OriginalHTTPMethod",
        ],
        ..spec("routerequesttoendpoint", &["newPath"], REQ)
    },
    TemplateSpec {
        exists_action: true,
        ..spec("setheader", &["name", "value"], &["Request", "Response", "Failure"])
    },
    spec(
        "setproperty",
        &[
            "newPropertyParentPathTemplate",
            "newPropertySubPathTemplate",
            "propertyValuePathTemplate",
        ],
        REQ_RESP,
    ),
    TemplateSpec { exists_action: true, ..spec("setqueryparameter", &["name", "value"], REQ) },
    TemplateSpec {
        methods: &["GET", "POST", "PUT"],
        ..spec(
            "setvaluefromurl",
            &["parameterTemplate", "parameterValueUrl", "parameterValuePathTemplate"],
            REQ_RESP,
        )
    },
    spec(
        "stringreplace",
        &["propertyParentPath", "sourceString", "replacementString", "newPropertyPath"],
        REQ_RESP,
    ),
    spec(
        "stringtoarray",
        &["propertyParentPath", "delimiterList", "childPropertyName", "newPropertyPath"],
        REQ_RESP,
    ),
    spec("updatenextlink", &["nextLinkPropertyName"], &["Response"]),
    spec("setconnectionstatustounauthenticated", &["statusCode"], &["Response"]),
];

/// The spec of a template id, compared case-insensitively.
pub(crate) fn template_spec(id: &str) -> Option<&'static TemplateSpec> {
    TEMPLATES.iter().find(|t| t.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex_color("#3A5F8c"), Some([0x3A, 0x5F, 0x8C]));
        assert_eq!(parse_hex_color("3A5F8C"), None);
        assert_eq!(parse_hex_color("#3A5F8"), None);
        assert_eq!(parse_hex_color("#3A5F8G"), None);
        assert_eq!(parse_hex_color("#ééé"), None);
    }

    #[test]
    fn template_ids_ignore_case_and_cover_the_documented_set() {
        assert_eq!(template_spec("SetHeader").map(|t| t.id), Some("setheader"));
        assert!(template_spec("dynamicsubdomain").is_none());
        for id in switchboard_model::api_properties::DOCUMENTED_TEMPLATE_IDS {
            assert!(template_spec(id).is_some(), "{id}");
        }
    }
}
