//! Loading a connector folder.

use std::path::Path;

use super::{
    Connector, ConnectorFile, Entry, LoadError, MAX_READ_SIZE, Names, Origin, Role, SETTINGS_FILE,
};
use crate::json::JsonFile;
use crate::source::SourceFile;

pub(super) fn load(dir: &Path) -> Result<Connector, LoadError> {
    let mut entries = list_entries(dir)?;
    entries.sort_by(|a, b| a.path.cmp(&b.path));

    let root_files: Vec<&Entry> =
        entries.iter().filter(|e| !e.is_dir && !e.path.contains('/')).collect();
    let read = |entry: &str| -> Result<Vec<u8>, LoadError> { Ok(fs_err::read(dir.join(entry))?) };

    let settings = match root_files.iter().find(|e| e.path.eq_ignore_ascii_case(SETTINGS_FILE)) {
        Some(e) if e.size <= MAX_READ_SIZE => Some(ConnectorFile {
            entry: e.path.clone(),
            file: JsonFile::parse(dir.join(&e.path).display().to_string(), read(&e.path)?),
        }),
        _ => None,
    };
    let names = Names::from_settings(settings.as_ref().map(|s| &s.file));

    let mut connector =
        Connector { settings, ..Connector::empty(Origin::Folder(dir.to_path_buf())) };
    for e in &root_files {
        let Some(role) = names.role(&e.path) else { continue };
        if e.size > MAX_READ_SIZE || role == Role::Settings {
            continue;
        }
        let display = dir.join(&e.path).display().to_string();
        let entry = e.path.clone();
        // When several casings exist (readme.md and README.md), keep the exact conventional
        // name, else the first in sorted order.
        match role {
            Role::Swagger => set_json(
                &mut connector.swagger,
                entry,
                display,
                read(&e.path)?,
                super::SWAGGER_FILE,
            ),
            Role::Properties => {
                set_json(
                    &mut connector.properties,
                    entry,
                    display,
                    read(&e.path)?,
                    super::PROPERTIES_FILE,
                );
            }
            Role::Icon => {
                set_source(&mut connector.icon, entry, display, read(&e.path)?, super::ICON_FILE);
            }
            Role::Readme => set_source(
                &mut connector.readme,
                entry,
                display,
                read(&e.path)?,
                super::README_FILE,
            ),
            Role::Intro => {
                set_source(&mut connector.intro, entry, display, read(&e.path)?, super::INTRO_FILE);
            }
            Role::Script => set_source(
                &mut connector.script,
                entry,
                display,
                read(&e.path)?,
                super::SCRIPT_FILE,
            ),
            Role::Settings => {}
        }
    }
    connector.entries = entries;
    Ok(connector)
}

fn set_json(
    slot: &mut Option<ConnectorFile<JsonFile>>,
    entry: String,
    display: String,
    bytes: Vec<u8>,
    exact: &str,
) {
    if slot.as_ref().is_none_or(|f| f.entry != exact) {
        *slot = Some(ConnectorFile { entry, file: JsonFile::parse(display, bytes) });
    }
}

fn set_source(
    slot: &mut Option<ConnectorFile<SourceFile>>,
    entry: String,
    display: String,
    bytes: Vec<u8>,
    exact: &str,
) {
    if slot.as_ref().is_none_or(|f| f.entry != exact) {
        *slot = Some(ConnectorFile { entry, file: SourceFile::new(display, bytes) });
    }
}

/// Lists every file and folder under `dir` (not following symlinks), relative and `/`-separated.
fn list_entries(dir: &Path) -> Result<Vec<Entry>, LoadError> {
    let mut out = Vec::new();
    for item in walkdir::WalkDir::new(dir).min_depth(1).follow_links(false) {
        let item = item.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let source =
                e.into_io_error().unwrap_or_else(|| std::io::Error::other("filesystem loop"));
            std::io::Error::new(source.kind(), format!("{}: {source}", path.display()))
        })?;
        let rel = item.path().strip_prefix(dir).unwrap_or(item.path());
        let path =
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let is_dir = item.file_type().is_dir();
        let size = if is_dir { 0 } else { item.metadata().map_or(0, |m| m.len()) };
        out.push(Entry { path, size, compressed_size: None, is_dir, unsafe_path: false });
    }
    Ok(out)
}
