//! Connections, OAuth flows, and secrets at rest.

use std::collections::BTreeMap;

use switchboard_store::{
    ConnectionId, ConnectionStatus, EnvironmentId, NewConnection, NewOAuthState, OAuthTokens,
    ParameterValues, Role, SecretKey, SecretString, StoreError, User,
};

use crate::catalog::connector;
use crate::harness::Harness;

fn params(pairs: &[(&str, &str)]) -> ParameterValues {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), SecretString::new(*v))).collect()
}

/// A tenant, an environment, an owner and a connector in it.
async fn setup(h: &Harness) -> (EnvironmentId, User, switchboard_store::Connector) {
    let s = &h.store;
    let t = s.create_tenant("t").await.unwrap();
    let env = s.create_environment(&t.id, "dev", "europe").await.unwrap();
    let owner = s.create_user(&t.id, "owner", Role::Maker).await.unwrap();
    let (c, _) = s.create_connector(connector(&env.id, &owner.id, "x", "X")).await.unwrap();
    (env.id, owner, c)
}

fn new_connection(
    env: &EnvironmentId,
    owner: &User,
    c: &switchboard_store::Connector,
) -> NewConnection {
    NewConnection {
        connector_id: c.id.clone(),
        environment_id: env.clone(),
        owner_id: owner.id.clone(),
        display_name: "My connection".into(),
        parameters: params(&[("api_key", "k-123"), ("host", "example.com")]),
        status: ConnectionStatus::Connected,
    }
}

pub async fn connections_and_their_secrets(h: &Harness) {
    let s = &h.store;
    let (env, owner, c) = setup(h).await;
    let conn = s.create_connection(new_connection(&env, &owner, &c)).await.unwrap();
    assert_eq!(s.get_connection(&conn.id).await.unwrap(), Some(conn.clone()));
    assert_eq!(s.list_connections(&owner.id, &env).await.unwrap(), vec![conn.clone()]);
    let secrets = s.get_connection_secrets(&conn.id).await.unwrap().unwrap();
    assert_eq!(secrets.parameters, params(&[("api_key", "k-123"), ("host", "example.com")]));
    assert_eq!(secrets.oauth_tokens, None);
    let printed = format!("{secrets:?}");
    assert!(!printed.contains("k-123") && printed.contains("***"), "{printed}");

    assert!(
        s.update_connection_parameters(
            &conn.id,
            &params(&[("api_key", "k-456")]),
            ConnectionStatus::Error
        )
        .await
        .unwrap()
    );
    let secrets = s.get_connection_secrets(&conn.id).await.unwrap().unwrap();
    assert_eq!(secrets.parameters, params(&[("api_key", "k-456")]));
    assert_eq!(s.get_connection(&conn.id).await.unwrap().unwrap().status, ConnectionStatus::Error);

    let tokens = OAuthTokens {
        access_token: "at-1".into(),
        refresh_token: Some("rt-1".into()),
        token_type: Some("Bearer".into()),
        scope: Some("read".into()),
        expires_at: Some(1_900_000_000),
    };
    assert!(s.store_oauth_tokens(&conn.id, &tokens).await.unwrap());
    // A refresh replaces the tokens.
    let refreshed = OAuthTokens { access_token: "at-2".into(), ..tokens.clone() };
    assert!(s.store_oauth_tokens(&conn.id, &refreshed).await.unwrap());
    let secrets = s.get_connection_secrets(&conn.id).await.unwrap().unwrap();
    assert_eq!(secrets.oauth_tokens, Some(refreshed));
    let now = s.get_connection(&conn.id).await.unwrap().unwrap();
    assert_eq!(now.status, ConnectionStatus::Connected);

    assert!(s.set_connection_status(&conn.id, ConnectionStatus::PendingOAuth).await.unwrap());
    assert!(s.rename_connection(&conn.id, "Renamed").await.unwrap());
    let now = s.get_connection(&conn.id).await.unwrap().unwrap();
    assert_eq!(
        (now.status, now.display_name.as_str()),
        (ConnectionStatus::PendingOAuth, "Renamed")
    );

    // The connector must be in the connection's environment, and the owner in its tenant.
    let tenant = s.get_environment(&env).await.unwrap().unwrap().tenant_id;
    let env2 = s.create_environment(&tenant, "other", "europe").await.unwrap();
    let mut wrong_env = new_connection(&env, &owner, &c);
    wrong_env.environment_id = env2.id.clone();
    assert!(matches!(s.create_connection(wrong_env).await, Err(StoreError::NotFound(_))));
    let t2 = s.create_tenant("t2").await.unwrap();
    let stranger = s.create_user(&t2.id, "stranger", Role::Maker).await.unwrap();
    let foreign_owner = new_connection(&env, &stranger, &c);
    assert!(matches!(s.create_connection(foreign_owner).await, Err(StoreError::Invalid(_))));
    assert!(s.list_connections(&stranger.id, &env).await.unwrap().is_empty());

    // The environment's list holds every owner's connections, newest first.
    let colleague = s.create_user(&tenant, "colleague", Role::Maker).await.unwrap();
    let theirs = s.create_connection(new_connection(&env, &colleague, &c)).await.unwrap();
    let all: Vec<_> =
        s.list_environment_connections(&env).await.unwrap().into_iter().map(|n| n.id).collect();
    assert_eq!(all.len(), 2);
    assert!(all.contains(&conn.id) && all.contains(&theirs.id));
    assert!(s.list_environment_connections(&env2.id).await.unwrap().is_empty());

    // Deleting a connection deletes its rate-limit bucket: a new one starts full.
    let minute = std::time::Duration::from_secs(60);
    s.acquire_rate_limit(conn.id.as_str(), 1, minute).await.unwrap();
    assert_ne!(
        s.acquire_rate_limit(conn.id.as_str(), 1, minute).await.unwrap(),
        switchboard_store::Admission::Granted
    );
    assert!(s.delete_connection(&conn.id).await.unwrap());
    assert_eq!(
        s.acquire_rate_limit(conn.id.as_str(), 1, minute).await.unwrap(),
        switchboard_store::Admission::Granted
    );
    assert_eq!(s.get_connection(&conn.id).await.unwrap(), None);
    assert_eq!(s.get_connection_secrets(&conn.id).await.unwrap(), None);
    assert!(
        !s.update_connection_parameters(&conn.id, &BTreeMap::new(), ConnectionStatus::Connected)
            .await
            .unwrap()
    );
}

pub async fn oauth_states_are_taken_once(h: &Harness) {
    let s = &h.store;
    let (env, owner, c) = setup(h).await;
    let conn = s.create_connection(new_connection(&env, &owner, &c)).await.unwrap();
    let state = |value: &str, expires_at| NewOAuthState {
        state: value.into(),
        connection_id: conn.id.clone(),
        user_id: owner.id.clone(),
        pkce_verifier: format!("verifier-of-{value}").into(),
        redirect_uri: "http://127.0.0.1:8080/api/v1/oauth/redirect".into(),
        expires_at,
    };
    s.create_oauth_state(state("s-live", i64::MAX)).await.unwrap();
    s.create_oauth_state(state("s-old", 1)).await.unwrap();
    assert!(s.create_oauth_state(state("s-live", i64::MAX)).await.is_err(), "state reused");
    let mut orphan = state("s-orphan", i64::MAX);
    orphan.connection_id = ConnectionId::random();
    assert!(matches!(s.create_oauth_state(orphan).await, Err(StoreError::NotFound(_))));

    let taken = s.take_oauth_state("s-live").await.unwrap().unwrap();
    assert_eq!(taken.connection_id, conn.id);
    assert_eq!(taken.user_id, owner.id);
    assert_eq!(taken.pkce_verifier.expose(), "verifier-of-s-live");
    assert!(taken.redirect_uri.ends_with("/oauth/redirect"));
    assert_eq!(s.take_oauth_state("s-live").await.unwrap(), None, "only once");
    assert_eq!(s.take_oauth_state("never-issued").await.unwrap(), None);

    s.create_oauth_state(state("s-old-2", 1)).await.unwrap();
    assert_eq!(s.take_oauth_state("s-old").await.unwrap(), None, "expired");
    assert_eq!(s.purge_expired_oauth_states().await.unwrap(), 1, "s-old-2 was left");
    // Deleting the connection abandons its flows.
    s.create_oauth_state(state("s-3", i64::MAX)).await.unwrap();
    s.delete_connection(&conn.id).await.unwrap();
    assert_eq!(s.take_oauth_state("s-3").await.unwrap(), None);
}

/// Distinctive secrets go through every encrypted path; none of them can be found anywhere in
/// the database (SQLite: the database, WAL and shared-memory files; PostgreSQL: every column
/// of every table, as text and as raw bytes).
pub async fn no_plaintext_secret_at_rest(h: &Harness) {
    const PARAM: &str = "PLAINTEXT-PARAM-7f3a9c1e";
    const ACCESS: &str = "PLAINTEXT-ACCESS-5b2d8e4f";
    const REFRESH: &str = "PLAINTEXT-REFRESH-9e1c3a7b";
    const VERIFIER: &str = "PLAINTEXT-VERIFIER-2c6f0d8a";
    const STATE: &str = "PLAINTEXT-STATE-4a8b1e6d";
    const VISIBLE: &str = "VISIBLE-NAME-0d4e2b9f";
    let s = &h.store;
    let (env, owner, c) = setup(h).await;
    let mut new = new_connection(&env, &owner, &c);
    new.display_name = VISIBLE.into();
    new.parameters = params(&[("api_key", PARAM)]);
    let conn = s.create_connection(new).await.unwrap();
    let tokens = OAuthTokens {
        access_token: ACCESS.into(),
        refresh_token: Some(REFRESH.into()),
        token_type: None,
        scope: None,
        expires_at: None,
    };
    s.store_oauth_tokens(&conn.id, &tokens).await.unwrap();
    s.create_oauth_state(NewOAuthState {
        state: STATE.into(),
        connection_id: conn.id.clone(),
        user_id: owner.id.clone(),
        pkce_verifier: VERIFIER.into(),
        redirect_uri: "http://127.0.0.1/cb".into(),
        expires_at: i64::MAX,
    })
    .await
    .unwrap();
    let (token, _) = switchboard_store::generate_api_token();
    s.create_api_token(&owner.id, "t", &switchboard_store::TokenHash::of(token.expose()), None)
        .await
        .unwrap();

    let bytes = h.everything_at_rest().await;
    let contains = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    // The scan works: what is not secret is found.
    assert!(contains(VISIBLE), "the scan must see the plain display name");
    for secret in [PARAM, ACCESS, REFRESH, VERIFIER, STATE, token.expose()] {
        assert!(!contains(secret), "{secret} found at rest");
    }
    // And the values are all still there for the runtime.
    let secrets = s.get_connection_secrets(&conn.id).await.unwrap().unwrap();
    assert_eq!(secrets.parameters["api_key"].expose(), PARAM);
    assert_eq!(secrets.oauth_tokens.unwrap().refresh_token.unwrap().expose(), REFRESH);
}

pub async fn another_key_cannot_read_secrets(h: &Harness) {
    let s = &h.store;
    let (env, owner, c) = setup(h).await;
    let conn = s.create_connection(new_connection(&env, &owner, &c)).await.unwrap();
    let wrong = h.reopen_with(&SecretKey::generate()).await;
    // Metadata is readable, secrets are not.
    assert_eq!(wrong.get_connection(&conn.id).await.unwrap().unwrap().id, conn.id);
    let err = wrong.get_connection_secrets(&conn.id).await.unwrap_err();
    assert!(matches!(err, StoreError::Crypto(_)), "{err}");
    assert!(err.to_string().contains("SWITCHBOARD_SECRET_KEY"));
    // The right key still can.
    assert!(h.reopen().await.get_connection_secrets(&conn.id).await.unwrap().is_some());
}
