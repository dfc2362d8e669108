//! Where the server and token come from: `SWITCHBOARD_SERVER` / `SWITCHBOARD_TOKEN`, else the
//! credentials file `switchboard login` wrote.
//!
//! The file is `$SWITCHBOARD_CONFIG_DIR/credentials.json`, else
//! `$XDG_CONFIG_HOME/switchboard/credentials.json`, else `~/.config/switchboard/credentials.json`;
//! it is written through a temporary file with mode 0600 (its folder 0700 when created) and
//! renamed into place, so it is never readable by others, even half-written.

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};
use switchboard_store::SecretString;

/// Overrides the folder of the credentials file.
pub const CONFIG_DIR_ENV: &str = "SWITCHBOARD_CONFIG_DIR";
/// Overrides the saved server URL.
pub const SERVER_ENV: &str = "SWITCHBOARD_SERVER";
/// Overrides the saved token.
pub const TOKEN_ENV: &str = "SWITCHBOARD_TOKEN";
/// The file's name inside the configuration folder.
const FILE_NAME: &str = "credentials.json";

/// What `switchboard login` saves.
#[derive(Clone, Serialize, Deserialize)]
pub struct Credentials {
    /// The server's base URL, without a trailing `/`.
    pub server: String,
    /// The bearer token.
    pub token: String,
    /// Who the token belonged to at login (shown by `logout`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("server", &self.server)
            .field("token", &"[redacted]")
            .field("user", &self.user)
            .finish()
    }
}

/// The server to talk to and the token to show it.
#[derive(Debug)]
pub struct Target {
    /// Base URL, without a trailing `/`.
    pub server: String,
    /// The bearer token.
    pub token: SecretString,
}

/// The credentials file's path.
pub fn path() -> anyhow::Result<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = var(CONFIG_DIR_ENV) {
        return Ok(dir.join(FILE_NAME));
    }
    if let Some(dir) = var("XDG_CONFIG_HOME") {
        return Ok(dir.join("switchboard").join(FILE_NAME));
    }
    if let Some(home) = var("HOME").or_else(|| var("USERPROFILE")) {
        return Ok(home.join(".config").join("switchboard").join(FILE_NAME));
    }
    bail!("cannot tell where to keep credentials: set {CONFIG_DIR_ENV} (or HOME)")
}

/// The saved credentials, if any.
pub fn load(path: &Path) -> anyhow::Result<Option<Credentials>> {
    let bytes = match fs_err::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let credentials = serde_json::from_slice(&bytes).with_context(|| {
        format!("{} is not a credentials file (`switchboard login` rewrites it)", path.display())
    })?;
    Ok(Some(credentials))
}

/// Saves `credentials` at `path`, readable by the owner only.
pub fn save(path: &Path, credentials: &Credentials) -> anyhow::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let mut text = serde_json::to_string_pretty(credentials)?;
    text.push('\n');
    let temp = dir.join(format!(".{FILE_NAME}.{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let _ = fs_err::remove_file(&temp);
        let mut file = private_file(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        fs_err::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs_err::remove_file(&temp);
    }
    result.with_context(|| format!("cannot save the credentials in {}", path.display()))
}

/// Deletes the credentials file; `false` when there was none.
pub fn remove(path: &Path) -> anyhow::Result<bool> {
    match fs_err::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// The server and token for a command: the environment variables first, then the file. A token
/// saved for one server is never sent to another named by `SWITCHBOARD_SERVER`.
pub fn resolve() -> anyhow::Result<Target> {
    let env = |name: &str| std::env::var(name).ok().map(|v| v.trim().to_owned());
    let env_server = env(SERVER_ENV).filter(|v| !v.is_empty());
    let env_token = env(TOKEN_ENV).filter(|v| !v.is_empty());
    let file = path()?;
    let saved = load(&file)?;
    let server = match (&env_server, &saved) {
        (Some(server), _) => normalise_server(server)?,
        (None, Some(saved)) => saved.server.clone(),
        (None, None) => bail!(
            "not logged in: run `switchboard login --server URL --token-stdin` (or set \
             {SERVER_ENV} and {TOKEN_ENV})"
        ),
    };
    let token = match (env_token, saved) {
        (Some(token), _) => token,
        (None, Some(saved)) if saved.server == server => saved.token,
        (None, Some(saved)) => bail!(
            "{SERVER_ENV} is {server} but the saved credentials ({}) are for {}: set {TOKEN_ENV} \
             too, or `switchboard login --server {server}`",
            file.display(),
            saved.server
        ),
        (None, None) => bail!(
            "no token for {server}: run `switchboard login --server {server} --token-stdin` (or \
             set {TOKEN_ENV})"
        ),
    };
    Ok(Target { server, token: SecretString::new(token) })
}

/// `http(s)://host[:port][/prefix]` without a trailing `/`.
pub fn normalise_server(url: &str) -> anyhow::Result<String> {
    let url = url.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    let Some(parsed) = parsed else {
        bail!("`{url}` is not a server URL: give it with its scheme, such as http://127.0.0.1:8080")
    };
    if parsed.query().is_some() || parsed.fragment().is_some() || !parsed.username().is_empty() {
        bail!("`{url}`: give the server's base URL only (no user, query or fragment)");
    }
    Ok(url.to_owned())
}

fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).with_context(|| format!("cannot create {}", dir.display()))
}

fn private_file(path: &Path) -> std::io::Result<fs_err::File> {
    let mut options = fs_err::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    fs_err::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls() {
        assert_eq!(normalise_server("http://127.0.0.1:8080/").unwrap(), "http://127.0.0.1:8080");
        assert_eq!(
            normalise_server(" https://registry.contoso.com/switchboard ").unwrap(),
            "https://registry.contoso.com/switchboard"
        );
        for bad in ["127.0.0.1:8080", "ftp://x", "http://u:p@x", "http://x/?a=1", ""] {
            assert!(normalise_server(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn debug_hides_the_token() {
        let c = Credentials { server: "http://x".into(), token: "sbt_secret".into(), user: None };
        assert!(!format!("{c:?}").contains("sbt_secret"));
    }
}
