//! The authenticate phase: credentials from the connection (spec §2.4), OAuth tokens refreshed
//! ahead of expiry and once after a 401 (spec §2.8), one refresh at a time per connection.

use super::CallCx;
use crate::auth::oauth::unauthenticated;
use crate::auth::{Auth, Grant, OAuthAuth, client_credentials};
use crate::{InvokeError, OAuthToken, Phase, Request};

/// Injects every applicable scheme. With several schemes, those whose connection parameter
/// is absent are skipped; with one, its absence is an error naming the parameter.
pub(super) async fn inject(
    cx: &mut CallCx<'_>,
    request: &mut Request,
    force_refresh: bool,
) -> Result<(), InvokeError> {
    if cx.op.security_none || cx.connector.auth.is_empty() {
        cx.recorder.record(
            Phase::Authenticate,
            || {
                if cx.op.security_none {
                    "no credentials (security: [])"
                } else {
                    "no credentials (no securityDefinitions)"
                }
                .to_string()
            },
            None,
            None,
        );
        return Ok(());
    }
    let several = cx.connector.auth.len() > 1;
    let mut applied = Vec::new();
    for (auth, config) in cx.connector.auth.iter().zip(&cx.connector.auth_configs) {
        let present = match auth {
            Auth::ApiKey(a) => cx.connection.text(a.parameter()).is_some(),
            Auth::Basic(_) => cx.connection.text("username").is_some(),
            Auth::OAuth2(o) => {
                cx.connection.values.contains_key(&o.config().parameter)
                    || o.grant(cx.connection) == Grant::ClientCredentials
            }
        };
        if several && !present {
            continue;
        }
        match auth {
            Auth::ApiKey(a) => a.inject(cx.connection, request)?,
            Auth::Basic(b) => b.inject(cx.connection, request)?,
            Auth::OAuth2(o) => {
                let token = access_token(cx, o, force_refresh).await?;
                o.inject(&token, request);
                cx.bearer = Some(token);
            }
        }
        applied.push(config.label());
    }
    cx.recorder.record(
        Phase::Authenticate,
        || {
            if applied.is_empty() {
                "no credentials (none of the schemes has its parameter in the connection)".into()
            } else {
                format!("credentials added: {}", applied.join(", "))
            }
        },
        Some(request),
        None,
    );
    Ok(())
}

/// After a 401: when the connector uses OAuth and the request still carries the bearer token
/// this call injected, refresh once and put the new token in. Returns whether to replay.
pub(super) async fn replace_bearer_after_401(
    cx: &mut CallCx<'_>,
    request: &mut Request,
) -> Result<bool, InvokeError> {
    let Some(old) = cx.bearer.clone() else { return Ok(false) };
    let Some(oauth) = cx.connector.auth.iter().find_map(|a| match a {
        Auth::OAuth2(o) => Some(o),
        _ => None,
    }) else {
        return Ok(false);
    };
    if request.headers.get("Authorization") != Some(format!("Bearer {old}").as_str()) {
        return Ok(false);
    }
    let token = access_token(cx, oauth, true).await?;
    oauth.inject(&token, request);
    cx.bearer = Some(token);
    cx.recorder.record(
        Phase::Send,
        || "backend answered 401: token refreshed, replaying once".into(),
        Some(request),
        None,
    );
    Ok(true)
}

fn expiring(token: &OAuthToken, margin: std::time::Duration) -> bool {
    let margin = i64::try_from(margin.as_secs()).unwrap_or(i64::MAX);
    token.expires_at.is_some_and(|at| at - crate::clock::unix_now() <= margin)
}

/// The access token to send. Refreshes (or, for client credentials, obtains) when the token
/// expires within the margin or `force` is set; the runtime's per-connection slot is held
/// meanwhile, so concurrent calls wait for one refresh and then share its result.
async fn access_token(
    cx: &mut CallCx<'_>,
    oauth: &OAuthAuth,
    force: bool,
) -> Result<String, InvokeError> {
    let rt = cx.rt;
    let slot = rt.token_slot(&cx.call.connection_id);
    let mut slot = slot.lock().await;
    let margin = rt.options.refresh_margin;
    let override_url = cx.connector.token_url_override.as_deref();
    let timeout = rt.options.timeout;
    // Someone else refreshed since our token was injected: use theirs.
    let refreshed_meanwhile =
        |t: &OAuthToken| force && cx.bearer.as_deref() != Some(&t.access_token);
    match oauth.grant(cx.connection) {
        Grant::ClientCredentials => {
            if let Some(t) = &slot.token
                && (!force || refreshed_meanwhile(t))
                && !expiring(t, margin)
            {
                return Ok(t.access_token.clone());
            }
            let fresh =
                client_credentials::obtain(oauth, &rt.http, cx.connection, override_url, timeout)
                    .await?;
            cx.recorder.record(
                Phase::Authenticate,
                || "obtained a token (client-credentials grant)".into(),
                None,
                None,
            );
            slot.token = Some(fresh.clone());
            let access = fresh.access_token.clone();
            cx.refreshed = Some(fresh);
            Ok(access)
        }
        Grant::AuthorizationCode => {
            let Some(stored) = cx.connection.oauth_token() else {
                return Err(unauthenticated(format!(
                    "the connection has no '{}' object with an access_token; sign in first",
                    oauth.config().parameter
                )));
            };
            let current = match &slot.token {
                Some(t) if slot.original.as_deref() == Some(stored.access_token.as_str()) => {
                    t.clone()
                }
                _ => stored.clone(),
            };
            if (!force || refreshed_meanwhile(&current)) && !expiring(&current, margin) {
                return Ok(current.access_token);
            }
            let fresh =
                oauth.refresh(&rt.http, cx.connection, &current, override_url, timeout).await?;
            cx.recorder.record(
                Phase::Authenticate,
                || {
                    if force { "token refreshed after a 401" } else { "token refreshed (expiring)" }
                        .into()
                },
                None,
                None,
            );
            slot.original = Some(stored.access_token);
            slot.token = Some(fresh.clone());
            let access = fresh.access_token.clone();
            cx.refreshed = Some(fresh);
            Ok(access)
        }
    }
}
