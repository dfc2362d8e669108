//! `switchboard serve`: the registry server.

use anyhow::Context as _;
use switchboard_server::{AppState, Config};
use switchboard_store::Location;

use crate::args::ServeArgs;
use crate::exit::Exit;

pub fn run(args: &ServeArgs) -> anyhow::Result<Exit> {
    init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(args))?;
    Ok(Exit::Clean)
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

async fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    let (location, described) = if let Some(url) = &args.database_url {
        (url.clone(), "PostgreSQL".to_owned())
    } else {
        let dir = args.data_dir.display().to_string();
        (dir.clone(), format!("SQLite in {dir}"))
    };
    if matches!(Location::parse(&location), Location::Postgres(_))
        && std::env::var_os(switchboard_store::crypto::SECRET_KEY_ENV).is_none()
    {
        tracing::warn!(
            "{} is not set: the key for secrets at rest is the file {}; every server sharing \
             this database must use the same key",
            switchboard_store::crypto::SECRET_KEY_ENV,
            switchboard_store::key_file_path(std::path::Path::new(
                switchboard_store::DEFAULT_DATA_DIR
            ))
            .display()
        );
    }
    // Opening applies the migrations (and creates the data directory and key file if needed).
    let store = switchboard_store::open(&location)
        .await
        .with_context(|| format!("cannot open the store ({described})"))?;
    let mut config =
        Config { allow_private_network: args.allow_private_network, ..Config::from_env() };
    if let Some(url) = args.public_url.as_ref().or(config.public_url.as_ref()) {
        let normalized = switchboard_server::normalize_public_url(url);
        anyhow::ensure!(
            normalized.is_some(),
            "--public-url (or SWITCHBOARD_PUBLIC_URL) must be an absolute http or https URL such as https://switchboard.example.com, not '{url}'"
        );
        config.public_url = normalized;
    }
    if config.admin_token.is_none() {
        tracing::warn!(
            "{} is not set: there is no platform administrator, so no tenant can be created",
            switchboard_server::ADMIN_TOKEN_ENV
        );
    }
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let addr = listener.local_addr().context("cannot read the listening address")?;
    if config.public_url.is_none() {
        // A wildcard address is no place to send a browser back to: name loopback instead,
        // and say that remote sign-ins need --public-url.
        let reachable = if addr.ip().is_unspecified() {
            tracing::warn!(
                "listening on {addr} without --public-url: OAuth sign-ins come back to http://127.0.0.1:{}, which only works on this machine",
                addr.port()
            );
            std::net::SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), addr.port())
        } else {
            addr
        };
        config.public_url = Some(format!("http://{reachable}"));
    }
    tracing::info!(
        redirect_url = %config.oauth_redirect_url(),
        private_network = config.allow_private_network,
        "OAuth redirect URL to register with identity providers"
    );
    if config.allow_private_network {
        tracing::warn!(
            "--allow-private-network: connector invocations may reach loopback and private addresses"
        );
    }
    let state = AppState::new(store, config).context("cannot set up the connector runtime")?;
    // The one line on stdout: scripts and tests read the URL from it (port 0 picks one).
    println!("switchboard registry listening on http://{addr} ({described})");
    axum::serve(listener, switchboard_server::app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server failed")?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT: finishing requests in flight"),
        () = terminate => tracing::info!("SIGTERM: finishing requests in flight"),
    }
}
