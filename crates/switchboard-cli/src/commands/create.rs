//! `switchboard create`: publish a connector folder as a new connector, paconn-style, and
//! record it in the folder's settings.json.

use anyhow::{Context as _, bail};
use reqwest::Method;
use serde_json::Value;
use switchboard_server::errors::ErrorCode;

use crate::args::CreateArgs;
use crate::client::credentials;
use crate::client::http::{Api, ServerError, segment};
use crate::client::publish::{self, Output, Uploaded};
use crate::exit::Exit;

pub fn run(args: &CreateArgs) -> anyhow::Result<Exit> {
    let output = Output { format: args.folder.format, color: args.folder.color };
    let mut folder = publish::read_folder(&args.folder)?;
    if let Some(id) = folder.settings.connector_id() {
        bail!(
            "{} already names connector {id}: publish a new version with `switchboard update`, or \
             remove `connectorId` from it to create another connector",
            folder.settings.shown()
        );
    }
    let api = Api::new(credentials::resolve()?)?;
    let from_settings = args.environment.is_none();
    let Some(environment) =
        args.environment.clone().or_else(|| folder.settings.environment().map(str::to_owned))
    else {
        bail!(
            "which environment? pass --environment ENV (an id or a name), or set `environment` in \
             {}{}",
            folder.settings.shown(),
            environment_list(&api)
        );
    };
    let connector = folder.connector();
    if !args.folder.skip_local_validation
        && let Some(exit) = publish::validate_locally(&connector, output)?
    {
        return Ok(exit);
    }

    let query: Vec<(&str, String)> = args.name.iter().map(|name| ("name", name.clone())).collect();
    let send = |env: &str| -> anyhow::Result<Result<Uploaded, ServerError>> {
        let path = format!("/api/v1/environments/{}/connectors", segment("environment", env)?);
        publish::upload(&api, Method::POST, &path, &query, &folder, &connector, output)
    };
    let mut result = send(&environment)?;
    // Not an id: perhaps a name.
    if matches!(&result, Err(e) if e.code == ErrorCode::EnvironmentNotFound.as_str()) {
        let named: Vec<_> = publish::environments(&api)
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.name == environment)
            .collect();
        if let [only] = named.as_slice() {
            result = send(&only.id)?;
        }
    }
    let published = match result {
        Ok(Uploaded::Published(published)) => published,
        Ok(Uploaded::Refused(exit)) => return Ok(exit),
        Err(e) if e.code == ErrorCode::EnvironmentNotFound.as_str() => {
            let origin = if from_settings {
                format!(
                    " (it comes from {}; a Power Platform environment id from paconn is not a \
                     Switchboard one: pass --environment)",
                    folder.settings.shown()
                )
            } else {
                String::new()
            };
            let hint = format!(
                "no environment `{environment}` that you can publish to{origin}{}",
                environment_list(&api)
            );
            return Err(e.with_hint(hint).into());
        }
        Err(e) if e.code == ErrorCode::NameTaken.as_str() => {
            return Err(e
                .with_hint(
                    "choose another name with --name, or publish a new version of that one with \
                     `switchboard update --connector-id ID`",
                )
                .into());
        }
        Err(e) => return Err(e.into()),
    };

    let file_keys = folder.file_keys();
    folder.settings.record(&published.id, &published.environment_id, &file_keys).with_context(
        || {
            format!(
                "connector {} was created (version {}), but recording it in settings.json failed: \
                 add \"connectorId\": \"{}\" by hand before `switchboard update`",
                published.id, published.version.version, published.id
            )
        },
    )?;
    let settings = folder.settings.shown();
    let headline = vec![
        format!(
            "Created connector {} ({}), version {}, on {}",
            published.name,
            published.title,
            published.version.version,
            api.server()
        ),
        format!("  connector id: {}", published.id),
        format!("  environment:  {}", published.environment_id),
        format!("Saved connectorId and environment in {settings}"),
    ];
    let extra = [("server", Value::from(api.server())), ("settings", Value::from(settings))];
    publish::print_published(&published, &folder, &connector, &headline, &extra, output)?;
    Ok(Exit::Clean)
}

/// `; yours: prod (id …, europe), …` — or nothing when they cannot be listed.
fn environment_list(api: &Api) -> String {
    let environments = publish::environments(api).unwrap_or_default();
    if environments.is_empty() {
        return String::new();
    }
    let listed: Vec<String> =
        environments.iter().map(|e| format!("{} (id {}, {})", e.name, e.id, e.region)).collect();
    format!("; yours: {}", listed.join(", "))
}
