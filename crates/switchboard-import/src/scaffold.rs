//! The parts of a new connector that do not come from an API description: apiProperties for an
//! authentication kind, readme.md and intro.md from Microsoft's certification templates, a
//! placeholder icon, settings.json. Shared by the importers and `switchboard new`.

use std::fmt::Write as _;

use serde_json::{Value, json};

/// Default brand colour of generated connectors (a mid blue; neither white, nor the default
/// `#007ee5`, nor the independent-publisher `#da3b01`).
pub const DEFAULT_BRAND_COLOR: &str = "#3A5F8C";

/// How users sign in to the connector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    /// No authentication.
    None,
    /// An API key sent in a header or the query string.
    ApiKey {
        /// Header or query parameter name.
        name: String,
        /// `header` or `query`.
        location: String,
    },
    /// HTTP basic.
    Basic,
    /// OAuth 2 authorization code.
    OAuth2 {
        /// Authorization URL.
        authorization_url: String,
        /// Token URL.
        token_url: String,
        /// Refresh URL (usually the token URL).
        refresh_url: String,
        /// Scopes.
        scopes: Vec<String>,
    },
}

impl Auth {
    /// The swagger `securityDefinitions` object for this auth (empty for none).
    pub fn security_definitions(&self) -> Value {
        match self {
            Auth::None => json!({}),
            Auth::ApiKey { name, location } => {
                json!({"api_key": {"type": "apiKey", "in": location, "name": name}})
            }
            Auth::Basic => json!({"basic_auth": {"type": "basic"}}),
            Auth::OAuth2 { authorization_url, token_url, scopes, .. } => {
                let scopes: serde_json::Map<String, Value> =
                    scopes.iter().map(|s| (s.clone(), json!(s))).collect();
                json!({"oauth2_auth": {
                    "type": "oauth2",
                    "flow": "accessCode",
                    "authorizationUrl": authorization_url,
                    "tokenUrl": token_url,
                    "scopes": scopes,
                }})
            }
        }
    }

    /// The swagger root `security` requirement for this auth.
    pub fn security(&self) -> Value {
        match self {
            Auth::None => json!([]),
            Auth::ApiKey { .. } => json!([{"api_key": []}]),
            Auth::Basic => json!([{"basic_auth": []}]),
            Auth::OAuth2 { scopes, .. } => json!([{"oauth2_auth": scopes}]),
        }
    }

    /// `properties.connectionParameters` matching [`Auth::security_definitions`].
    pub fn connection_parameters(&self) -> Value {
        let secure = |display: &str, description: &str| {
            json!({
                "type": "securestring",
                "uiDefinition": {
                    "displayName": display,
                    "description": description,
                    "tooltip": description,
                    "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}
                }
            })
        };
        match self {
            Auth::None => json!({}),
            Auth::ApiKey { .. } => {
                json!({"api_key": secure("API Key", "The API key for this service.")})
            }
            Auth::Basic => json!({
                "username": {
                    "type": "securestring",
                    "uiDefinition": {
                        "displayName": "Username",
                        "description": "The user name for this service.",
                        "tooltip": "The user name for this service.",
                        "constraints": {"tabIndex": 2, "clearText": true, "required": "true"}
                    }
                },
                "password": secure("Password", "The password for this service."),
            }),
            Auth::OAuth2 { authorization_url, token_url, refresh_url, scopes } => json!({
                "token": {
                    "type": "oauthSetting",
                    "oAuthSettings": {
                        "identityProvider": "oauth2",
                        "clientId": "[[client id]]",
                        "scopes": scopes,
                        "redirectMode": "GlobalPerConnector",
                        "redirectUrl": "https://global.consent.azure-apim.net/redirect",
                        "properties": {"IsFirstParty": "False"},
                        "customParameters": {
                            "authorizationUrl": {"value": authorization_url},
                            "tokenUrl": {"value": token_url},
                            "refreshUrl": {"value": refresh_url}
                        }
                    }
                }
            }),
        }
    }
}

/// apiProperties.json for a connector with this auth.
pub fn api_properties(auth: &Auth, publisher: &str) -> Value {
    json!({
        "properties": {
            "connectionParameters": auth.connection_parameters(),
            "iconBrandColor": DEFAULT_BRAND_COLOR,
            "capabilities": [],
            "publisher": publisher,
            "stackOwner": publisher,
        }
    })
}

/// The definition of a new connector (`switchboard new`): one sample operation, `ListItems`,
/// with every string the validator asks for. What only the publisher knows (`info.contact`,
/// `x-ms-connector-metadata`) is left out on purpose, so that validation names it.
pub fn sample_swagger(title: &str, description: &str, host: &str, auth: &Auth) -> Value {
    let item = json!({
        "type": "object",
        "properties": {
            "id": {"type": "string", "x-ms-summary": "Item ID", "description": "The identifier of the item."},
            "name": {"type": "string", "x-ms-summary": "Name", "description": "The name of the item."}
        }
    });
    let mut doc = json!({
        "swagger": "2.0",
        "info": {"title": title, "description": description, "version": "1.0"},
        "host": host,
        "basePath": "/",
        "schemes": ["https"],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "paths": {
            "/items": {
                "get": {
                    "operationId": "ListItems",
                    "summary": "List items",
                    "description": "Returns the items of the account, newest first.",
                    "x-ms-visibility": "important",
                    "parameters": [{
                        "name": "top",
                        "in": "query",
                        "required": false,
                        "type": "integer",
                        "format": "int32",
                        "x-ms-summary": "Top",
                        "description": "The maximum number of items to return.",
                        "x-ms-visibility": "advanced"
                    }],
                    "responses": {
                        "200": {
                            "description": "The items.",
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "value": {
                                        "type": "array",
                                        "x-ms-summary": "Items",
                                        "description": "The items.",
                                        "items": {"$ref": "#/definitions/Item"}
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
        "definitions": {"Item": item},
        "securityDefinitions": auth.security_definitions(),
        "security": auth.security(),
        "tags": []
    });
    if *auth == Auth::None
        && let Some(root) = doc.as_object_mut()
    {
        root.remove("security");
    }
    doc
}

/// paconn's settings.json pointing at the standard file names.
pub fn settings() -> Value {
    json!({
        "apiProperties": "apiProperties.json",
        "apiDefinition": "apiDefinition.swagger.json",
        "icon": "icon.png",
        "powerAppsUrl": "https://api.powerapps.com",
        "powerAppsApiVersion": "2016-11-01"
    })
}

/// readme.md following Microsoft's certified-connector template; `operations` are
/// `(summary, description)` pairs.
pub fn readme(
    title: &str,
    description: &str,
    publisher: &str,
    auth: &Auth,
    operations: &[(String, String)],
) -> String {
    let mut ops = String::new();
    for (summary, desc) in operations {
        let _ = write!(ops, "### {summary}\n{desc}\n\n");
    }
    if ops.is_empty() {
        ops.push_str("This connector has no operations yet.\n\n");
    }
    let credentials = match auth {
        Auth::None => "This connector needs no credentials.".to_string(),
        Auth::ApiKey { .. } => "Create an API key in your account settings of the service and enter it when you create a connection.".to_string(),
        Auth::Basic => "Use the user name and password of your account of the service.".to_string(),
        Auth::OAuth2 { .. } => "Sign in with your account of the service when you create a connection. Register an OAuth application with the redirect URL https://global.consent.azure-apim.net/redirect.".to_string(),
    };
    format!(
        "# {title}\n\n{description}\n\n## Publisher: {publisher}\n\n## Prerequisites\n\nAn account with {title}.\n\n## Supported Operations\n\n{ops}## Obtaining Credentials\n\n{credentials}\n\n## Known Issues and Limitations\n\nNone known yet.\n\n## Deployment Instructions\n\nRun `paconn create` (or `switchboard create`) with the files of this folder.\n"
    )
}

/// intro.md following Microsoft's documentation template.
pub fn intro(title: &str, description: &str, auth: &Auth) -> String {
    let credentials = match auth {
        Auth::None => "This connector needs no credentials.",
        Auth::ApiKey { .. } => {
            "Create an API key in your account settings and enter it when you create a connection."
        }
        Auth::Basic => "Use the user name and password of your account.",
        Auth::OAuth2 { .. } => "Sign in with your account when you create a connection.",
    };
    format!(
        "{description}\n\n## Prerequisites\n\nAn account with {title}.\n\n## How to get credentials\n\n{credentials}\n\n## Get started with your connector\n\nCreate a connection, then add one of the connector's actions to a flow.\n\n## Known issues and limitations\n\nNone known yet.\n\n## Common errors and remedies\n\nA 401 response means the credentials of the connection are no longer valid: edit the connection and sign in again.\n\n## FAQ\n\n### Where do I get help?\nContact the publisher through the support address of the connector.\n"
    )
}

/// A placeholder icon: a 230×230 opaque PNG in the brand colour (`#RRGGBB`).
pub fn placeholder_icon(brand_color: &str) -> Vec<u8> {
    let hex = brand_color.trim_start_matches('#');
    let channel =
        |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0x80);
    let rgb = [channel(0), channel(2), channel(4)];
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, 230, 230);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        // Encoding a fixed-size image into memory cannot fail.
        if let Ok(mut writer) = encoder.write_header() {
            let data: Vec<u8> = rgb.iter().copied().cycle().take(230 * 230 * 3).collect();
            let _ = writer.write_image_data(&data);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_icon_is_a_230_square_png() {
        let icon = placeholder_icon(DEFAULT_BRAND_COLOR);
        assert!(icon.starts_with(b"\x89PNG\r\n\x1a\n"));
        let decoder = png::Decoder::new(std::io::Cursor::new(icon));
        let reader = decoder.read_info().unwrap();
        assert_eq!((reader.info().width, reader.info().height), (230, 230));
    }

    #[test]
    fn auth_kinds_match_between_swagger_and_properties() {
        let oauth = Auth::OAuth2 {
            authorization_url: "https://a/authorize".into(),
            token_url: "https://a/token".into(),
            refresh_url: "https://a/token".into(),
            scopes: vec!["read".into()],
        };
        assert_eq!(oauth.security_definitions()["oauth2_auth"]["flow"], "accessCode");
        assert_eq!(oauth.connection_parameters()["token"]["type"], "oauthSetting");
        assert_eq!(Auth::Basic.connection_parameters().as_object().unwrap().len(), 2);
        let key = Auth::ApiKey { name: "X-Key".into(), location: "header".into() };
        assert_eq!(key.security(), json!([{"api_key": []}]));
    }
}
