//! The OAuth 2 client-credentials grant, for service-principal connections
//! (`token:grantType = client_credentials`, spec §2.5).

use std::time::Duration;

use super::oauth::{Endpoint, OAuthAuth, TokenBody, request_token};
use crate::{Connection, InvokeError, OAuthToken, Phase};

/// Obtains a token with the client id and secret of the connection (or the OAuth settings).
pub async fn obtain(
    auth: &OAuthAuth,
    http: &crate::egress::HttpClient,
    connection: &Connection,
    override_url: Option<&str>,
    timeout: Duration,
) -> Result<OAuthToken, InvokeError> {
    let parameter = &auth.config().parameter;
    let Some(url) = auth.endpoint(connection, Endpoint::Token, override_url) else {
        return Err(InvokeError::internal(
            Phase::Authenticate,
            "NoTokenEndpoint",
            500,
            format!(
                "the '{parameter}' OAuth settings name no token URL for the client-credentials grant"
            ),
        ));
    };
    if auth.client_id(connection).is_none() || auth.client_secret(connection).is_none() {
        return Err(InvokeError::client(
            Phase::Authenticate,
            "MissingConnectionParameter",
            400,
            format!(
                "the client-credentials grant needs '{parameter}:clientId' and '{parameter}:clientSecret' in the connection"
            ),
        ));
    }
    let mut form = vec![("grant_type".to_string(), "client_credentials".to_string())];
    auth.push_client(connection, &mut form);
    match auth.resource(connection) {
        Some(r) if auth.config().identity_provider.starts_with("aad") => {
            form.push(("resource".into(), r));
        }
        _ if !auth.config().scopes.is_empty() => {
            form.push(("scope".into(), auth.config().scopes.join(" ")));
        }
        _ => {}
    }
    request_token(http, &url, TokenBody::Form(form), timeout).await
}
