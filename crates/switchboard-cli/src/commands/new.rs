//! `switchboard new`: scaffold a connector folder that passes `validate`.
//!
//! Everything the validator can accept from a generator is generated (a sample operation with
//! summaries, descriptions and visibility; apiProperties for the chosen authentication; readme,
//! intro, icon, settings). What only the publisher knows is left out rather than filled with a
//! plausible-looking placeholder the validator could not tell from the real thing: the
//! publisher, the support contact, the website and privacy policy. Those are certification-only
//! findings (info while authoring), and the command lists them after writing the folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use switchboard_import::scaffold::{self, Auth};
use switchboard_lint::{Linter, Profile};
use switchboard_model::connector::ConnectorFiles;

use crate::args::{AuthArg, NewArgs};
use crate::exit::Exit;

/// The host written when `--host` is not given (Microsoft's sample company).
pub const DEFAULT_HOST: &str = "api.contoso.com";

pub fn run(args: &NewArgs) -> anyhow::Result<Exit> {
    let title = args.name.trim();
    anyhow::ensure!(!title.is_empty(), "the connector name is empty");
    let dir = args.output.clone().unwrap_or_else(|| PathBuf::from(title));
    check_output_dir(&dir, args.force)?;
    let host = args.host.as_deref().unwrap_or(DEFAULT_HOST);
    anyhow::ensure!(
        !host.is_empty() && !host.contains(['/', ':', ' ']),
        "--host takes a host name such as api.contoso.com (no scheme, port or path), not '{host}'"
    );

    let files = connector_files(title, host, args.auth);
    files.write_to(&dir).with_context(|| format!("cannot write {}", dir.display()))?;

    let mut out = std::io::stdout().lock();
    writeln!(out, "Created connector '{title}' in {}", dir.display())?;
    for (name, _) in files.files() {
        writeln!(out, "  {name}")?;
    }
    // What certification still needs: the findings the user must resolve by hand.
    let connector = files.to_connector(&dir);
    let todo = Linter::new(Profile::Certification).lint(&connector);
    if !todo.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Fill in before certification (`switchboard validate {} --profile certification`):",
            dir.display()
        )?;
        for d in &todo {
            let file = Path::new(&*d.location.file)
                .file_name()
                .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
            writeln!(out, "  {:<7} {:<5} {file}: {}", d.severity.as_str(), d.code, d.message)?;
        }
    }
    if args.host.is_none() {
        writeln!(out)?;
        writeln!(out, "The host is {DEFAULT_HOST}: replace it with your service's host name.")?;
    }
    out.flush()?;
    Ok(Exit::Clean)
}

/// The files of a new connector.
pub fn connector_files(title: &str, host: &str, auth: AuthArg) -> ConnectorFiles {
    let auth = match auth {
        AuthArg::None => Auth::None,
        AuthArg::ApiKey => Auth::ApiKey { name: "X-API-Key".into(), location: "header".into() },
        AuthArg::Basic => Auth::Basic,
        AuthArg::Oauth2 => Auth::OAuth2 {
            authorization_url: format!("https://{host}/oauth2/authorize"),
            token_url: format!("https://{host}/oauth2/token"),
            refresh_url: format!("https://{host}/oauth2/token"),
            scopes: Vec::new(),
        },
    };
    let description = format!(
        "Work with the items of your {title} account: list them and use them in your flows and apps."
    );
    let mut properties = scaffold::api_properties(&auth, "");
    // Only the publisher knows these; certification reports them missing (AP007, AP008).
    if let Some(p) = properties.get_mut("properties").and_then(serde_json::Value::as_object_mut) {
        p.remove("publisher");
        p.remove("stackOwner");
    }
    // The documentation page opens with a description distinct from info.description (IN000).
    let intro_description = format!(
        "The {title} connector brings the items of your {title} account into automated workflows. List the items, then act on each one in the steps that follow."
    );
    let operations = [("List items".to_string(), "Returns the items of the account.".to_string())];
    ConnectorFiles {
        swagger: scaffold::sample_swagger(title, &description, host, &auth),
        properties,
        icon: Some(scaffold::placeholder_icon(scaffold::DEFAULT_BRAND_COLOR)),
        readme: Some(scaffold::readme(
            title,
            &description,
            "(your name or company)",
            &auth,
            &operations,
        )),
        intro: Some(scaffold::intro(title, &intro_description, &auth)),
        settings: Some(scaffold::settings()),
    }
}

/// Refuses an output folder that exists and is not empty, unless `force`.
pub fn check_output_dir(dir: &Path, force: bool) -> anyhow::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    anyhow::ensure!(dir.is_dir(), "{} exists and is not a folder", dir.display());
    let mut entries =
        fs_err::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    if entries.next().is_some() && !force {
        anyhow::bail!("{} exists and is not empty (use --force to write into it)", dir.display());
    }
    Ok(())
}
