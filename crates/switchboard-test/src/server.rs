//! The server's app on `127.0.0.1:0`.

use std::sync::Arc;

use reqwest::{Client, Method, RequestBuilder};
use switchboard_server::{AppState, Config};
use switchboard_store::{SecretString, Store};

/// The platform administrator's token in tests.
const ADMIN_TOKEN: &str = "sbt_test_platform_admin";

/// An HTTP client for loopback tests (rustls with ring installed, no proxy, no redirects
/// followed: a test sees the server's 302 and follows it itself).
pub fn client() -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

/// A running server.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Its state (the store, for direct setup).
    pub state: AppState,
    /// A client.
    pub client: Client,
    /// The platform administrator's token.
    pub admin_token: String,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Serves `store` with the test administrator token, allowing private network access
    /// (every backend of the tests is on loopback).
    pub async fn start(store: Arc<dyn Store>) -> TestServer {
        Self::start_with(store, Self::config()).await
    }

    /// The configuration [`TestServer::start`] uses: the test administrator token,
    /// `allow_private_network`, no retries.
    pub fn config() -> Config {
        Config {
            admin_token: Some(SecretString::new(ADMIN_TOKEN)),
            allow_private_network: true,
            ..Config::default()
        }
    }

    /// Serves `store` with `config`; its public URL is the listening address unless set.
    pub async fn start_with(store: Arc<dyn Store>, mut config: Config) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        if config.public_url.is_none() {
            config.public_url = Some(format!("http://{addr}"));
        }
        let state = AppState::new(store, config).expect("app state");
        let app = switchboard_server::app(state.clone());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("serve");
        });
        TestServer {
            base: format!("http://{addr}"),
            state,
            client: client(),
            admin_token: ADMIN_TOKEN.to_owned(),
            task,
        }
    }

    /// The store behind the server.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.state.store
    }

    /// A request to `path` with `token` as bearer, if any.
    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let builder = self.client.request(method, format!("{}{path}", self.base));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    /// A GET (anonymous when `token` is `None`); returns the status and the JSON answer.
    pub async fn get_json(&self, path: &str, token: Option<&str>) -> (u16, serde_json::Value) {
        let response = self.request(Method::GET, path, token).send().await.expect("send");
        let status = response.status().as_u16();
        let body = response.json().await.unwrap_or(serde_json::Value::Null);
        (status, body)
    }

    /// A request with a JSON body; returns the status and the JSON answer (`null` if none).
    pub async fn send_json(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: &serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let response = self.request(method, path, token).json(body).send().await.expect("send");
        let status = response.status().as_u16();
        let body = response.json().await.unwrap_or(serde_json::Value::Null);
        (status, body)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
