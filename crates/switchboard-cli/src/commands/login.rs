//! `switchboard login` and `switchboard logout`: the saved server and token.

use std::io::{BufRead as _, Write as _};

use anyhow::{Context as _, bail};
use serde::Deserialize;
use serde_json::json;
use switchboard_store::SecretString;

use crate::args::{LoginArgs, LogoutArgs, ReportFormat};
use crate::client::credentials::{self, Credentials, SERVER_ENV, TOKEN_ENV, Target};
use crate::client::http::{Api, is_loopback};
use crate::exit::Exit;

/// `GET /api/v1/me`.
#[derive(Debug, Deserialize)]
struct Me {
    kind: String,
    user: Option<Named>,
    tenant: Option<Named>,
}

#[derive(Debug, Deserialize)]
struct Named {
    name: String,
    #[serde(default)]
    role: Option<String>,
}

pub fn login(args: &LoginArgs) -> anyhow::Result<Exit> {
    let server = match &args.server {
        Some(server) => server.clone(),
        None => std::env::var(SERVER_ENV)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .with_context(|| format!("which server? pass --server URL (or set {SERVER_ENV})"))?,
    };
    let server = credentials::normalise_server(&server)?;
    let token = if args.token_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("cannot read the token from stdin")?;
        line
    } else if let Some(token) = &args.token {
        token.clone()
    } else {
        std::env::var(TOKEN_ENV).ok().with_context(|| {
            format!("which token? pass --token-stdin (or --token TOKEN, or set {TOKEN_ENV})")
        })?
    };
    let token = token.trim().to_owned();
    if token.is_empty() {
        bail!("the token is empty");
    }

    if server.starts_with("http://") && !is_loopback(&server) {
        eprintln!("warning: {server} is plain HTTP: the token crosses the network unencrypted");
    }
    let api =
        Api::new(Target { server: server.clone(), token: SecretString::new(token.as_str()) })?;
    let me: Me = api
        .get("/api/v1/me")?
        .map_err(|e| e.with_hint("the server rejected this token; nothing was saved"))?
        .json()?;
    let (who, role, tenant) = match (&me.user, &me.tenant) {
        (Some(user), Some(tenant)) if me.kind == "user" => {
            (user.name.clone(), user.role.clone().unwrap_or_default(), Some(tenant.name.clone()))
        }
        _ => ("the platform administrator".to_owned(), "platform-admin".to_owned(), None),
    };
    let path = credentials::path()?;
    credentials::save(
        &path,
        &Credentials { server: server.clone(), token, user: Some(who.clone()) },
    )?;

    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Human => {
            match &tenant {
                Some(tenant) => {
                    writeln!(out, "Logged in to {server} as {who} ({role}) in tenant {tenant}")?;
                }
                None => writeln!(out, "Logged in to {server} as {who}")?,
            }
            writeln!(out, "Saved the token in {}", path.display())?;
        }
        ReportFormat::Json => {
            let value = json!({
                "server": server,
                "user": who,
                "role": role,
                "tenant": tenant,
                "credentials": path.display().to_string(),
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
    }
    for name in [SERVER_ENV, TOKEN_ENV] {
        if std::env::var_os(name).is_some_and(|v| !v.is_empty()) {
            eprintln!("note: {name} is set and overrides the saved value");
        }
    }
    Ok(Exit::Clean)
}

pub fn logout(_args: &LogoutArgs) -> anyhow::Result<Exit> {
    let path = credentials::path()?;
    let saved = credentials::load(&path).ok().flatten();
    if credentials::remove(&path)? {
        match saved {
            Some(c) => println!("Logged out of {} (removed {})", c.server, path.display()),
            None => println!("Removed {}", path.display()),
        }
    } else {
        println!("Not logged in (no {})", path.display());
    }
    Ok(Exit::Clean)
}
