//! `switchboard update`: publish a new version of the connector a folder's settings.json names.

use anyhow::bail;
use reqwest::Method;
use serde_json::Value;
use switchboard_server::errors::ErrorCode;

use crate::args::UpdateArgs;
use crate::client::credentials;
use crate::client::http::{Api, segment};
use crate::client::publish::{self, Output, Uploaded};
use crate::exit::Exit;

pub fn run(args: &UpdateArgs) -> anyhow::Result<Exit> {
    let output = Output { format: args.folder.format, color: args.folder.color };
    let folder = publish::read_folder(&args.folder)?;
    let from_settings = args.connector_id.is_none();
    let Some(id) =
        args.connector_id.clone().or_else(|| folder.settings.connector_id().map(str::to_owned))
    else {
        let why = if folder.settings.exists() {
            format!("{} has no connectorId", folder.settings.shown())
        } else {
            format!("there is no {}", folder.settings.shown())
        };
        bail!(
            "which connector? {why}: publish the folder with `switchboard create` first (it \
             records the id), or pass --connector-id ID"
        );
    };
    let api = Api::new(credentials::resolve()?)?;
    let connector = folder.connector();
    if !args.folder.skip_local_validation
        && let Some(exit) = publish::validate_locally(&connector, output)?
    {
        return Ok(exit);
    }
    let path = format!("/api/v1/connectors/{}", segment("connector", &id)?);
    let published =
        match publish::upload(&api, Method::PUT, &path, &[], &folder, &connector, output)? {
            Ok(Uploaded::Published(published)) => published,
            Ok(Uploaded::Refused(exit)) => return Ok(exit),
            Err(e) if e.code == ErrorCode::ConnectorNotFound.as_str() => {
                let source = if from_settings {
                    format!("connectorId in {}", folder.settings.shown())
                } else {
                    "--connector-id".to_owned()
                };
                return Err(e
                    .with_hint(format!(
                        "no connector `{id}` on {} that you can see (from {source}); an id from \
                         paconn is not a Switchboard id: `switchboard create` publishes the \
                         folder here",
                        api.server()
                    ))
                    .into());
            }
            Err(e) => return Err(e.into()),
        };
    let headline = vec![
        format!(
            "Published version {} of connector {} ({}) on {}",
            published.version.version,
            published.name,
            published.title,
            api.server()
        ),
        format!("  connector id: {}", published.id),
    ];
    let extra = [("server", Value::from(api.server()))];
    publish::print_published(&published, &folder, &connector, &headline, &extra, output)?;
    Ok(Exit::Clean)
}
