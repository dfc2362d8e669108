//! `switchboard download`: a connector version's files into a folder, in paconn's layout, with
//! the settings.json that names it.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::bail;
use reqwest::Method;
use serde_json::json;
use switchboard_model::connector::SETTINGS_FILE;
use switchboard_server::api::download::VERSION_HEADER;
use switchboard_server::errors::ErrorCode;

use crate::args::{DownloadArgs, ReportFormat};
use crate::client::credentials;
use crate::client::extract;
use crate::client::http::{Api, segment};
use crate::exit::Exit;

pub fn run(args: &DownloadArgs) -> anyhow::Result<Exit> {
    let id = args.connector_id.trim();
    let dest = args.dest.clone().unwrap_or_else(|| PathBuf::from(id));
    let refuse_non_empty = |dest: &PathBuf| -> anyhow::Result<()> {
        if !args.overwrite && extract::is_non_empty_dir(dest)? {
            bail!(
                "{} is not empty: pass --overwrite to replace its files of the same names, or \
                 choose another folder with -d",
                dest.display()
            );
        }
        Ok(())
    };
    refuse_non_empty(&dest)?;
    let api = Api::new(credentials::resolve()?)?;
    let path = format!("/api/v1/connectors/{}/download", segment("connector", id)?);
    let query: Vec<(&str, String)> =
        args.version.iter().map(|v| ("version", v.to_string())).collect();
    let reply = api.send(Method::GET, &path, &query, &[], None)?.map_err(|e| {
        let hint = if e.code == ErrorCode::ConnectorNotFound.as_str() {
            format!("no connector `{id}` on {} that you can see", api.server())
        } else if e.code == ErrorCode::VersionNotFound.as_str() {
            format!(
                "the versions are listed by GET {}/api/v1/connectors/{id}/versions",
                api.server()
            )
        } else {
            return e;
        };
        e.with_hint(hint)
    })?;
    let mut files = extract::files(&reply.body)?;
    let version = reply
        .headers
        .get(VERSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u32>().ok())
        .or(args.version);
    if !files.iter().any(|(name, _)| name == SETTINGS_FILE) {
        // Every server writes one; without it `update` from the folder could not work.
        let settings = json!({"connectorId": id});
        files.push((
            SETTINGS_FILE.to_owned(),
            (serde_json::to_string_pretty(&settings)? + "\n").into_bytes(),
        ));
    }
    // Checked again: the folder may have filled while the download ran.
    refuse_non_empty(&dest)?;
    extract::write(&dest, &files)?;

    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Human => {
            let which = version
                .map_or_else(|| "the current version".to_owned(), |v| format!("version {v}"));
            writeln!(out, "Downloaded {which} of connector {id} into {}", dest.display())?;
            for name in &names {
                writeln!(out, "  {name}")?;
            }
        }
        ReportFormat::Json => {
            let value = json!({
                "id": id,
                "version": version,
                "dir": dest.display().to_string(),
                "files": names,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
    }
    Ok(Exit::Clean)
}
