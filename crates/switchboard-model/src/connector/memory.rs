//! Building a connector from files held in memory (uploads, importer output, tests).

use std::path::Path;

use super::{Connector, ConnectorFile, Entry, Names, Origin, Role, SETTINGS_FILE};
use crate::json::JsonFile;
use crate::source::SourceFile;

impl Connector {
    /// A folder connector at `dir` made of `files` (`/`-separated relative path, content).
    /// Nothing is read from or written to disk.
    pub fn from_files(dir: &Path, files: Vec<(String, Vec<u8>)>) -> Connector {
        let mut entries: Vec<Entry> = files
            .iter()
            .map(|(path, bytes)| Entry {
                path: path.clone(),
                size: bytes.len() as u64,
                compressed_size: None,
                is_dir: false,
                unsafe_path: path.split('/').any(|s| s == "..") || path.starts_with('/'),
            })
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let display = |entry: &str| dir.join(entry).display().to_string();

        let settings =
            files.iter().find(|(p, _)| p.eq_ignore_ascii_case(SETTINGS_FILE)).map(|(p, b)| {
                ConnectorFile { entry: p.clone(), file: JsonFile::parse(display(p), b.clone()) }
            });
        let names = Names::from_settings(settings.as_ref().map(|s| &s.file));
        let mut connector =
            Connector { settings, entries, ..Connector::empty(Origin::Folder(dir.to_path_buf())) };
        for (path, bytes) in files {
            if path.contains('/') {
                continue;
            }
            let Some(role) = names.role(&path) else { continue };
            let shown = display(&path);
            let json = |bytes| {
                Some(ConnectorFile {
                    entry: path.clone(),
                    file: JsonFile::parse(shown.clone(), bytes),
                })
            };
            let text = |bytes| {
                Some(ConnectorFile {
                    entry: path.clone(),
                    file: SourceFile::new(shown.clone(), bytes),
                })
            };
            match role {
                Role::Swagger => connector.swagger = json(bytes),
                Role::Properties => connector.properties = json(bytes),
                Role::Icon => connector.icon = text(bytes),
                Role::Readme => connector.readme = text(bytes),
                Role::Intro => connector.intro = text(bytes),
                Role::Script => connector.script = text(bytes),
                Role::Settings => {}
            }
        }
        connector
    }
}
