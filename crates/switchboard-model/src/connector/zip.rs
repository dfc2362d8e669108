//! Loading a connector from a zip archive, defensively: entries are listed as declared, only
//! the well-known files are read, each with a hard size cap, so a hostile archive (a zip
//! bomb, path traversal names) is reported rather than obeyed.

use std::io::{Cursor, Read};
use std::path::Path;

use super::{
    Connector, ConnectorFile, Entry, LoadError, MAX_READ_SIZE, Names, Origin, Role, SETTINGS_FILE,
};
use crate::json::JsonFile;
use crate::source::SourceFile;

pub(super) fn load(path: &Path) -> Result<Connector, LoadError> {
    let bytes = fs_err::read(path)?;
    load_bytes(path, bytes)
}

pub(super) fn load_bytes(path: &Path, bytes: Vec<u8>) -> Result<Connector, LoadError> {
    let zip_err = |source| LoadError::Zip { path: path.to_path_buf(), source };
    let mut archive = ::zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_err)?;
    let mut entries = list_entries(&mut archive).map_err(zip_err)?;

    // Connector files either sit at the root or (a zipped folder) in one top-level folder.
    let nested_root = nested_root(&entries);
    // A zip of an intro.md and a package zip is the current certification package (§8.2).
    if let Some(prefix) = super::package::is_package(&entries, nested_root.as_deref()) {
        return Ok(super::package::load(path, &mut archive, entries, &prefix));
    }
    let prefix = nested_root.as_ref().map(|r| format!("{r}/")).unwrap_or_default();
    let in_root = |e: &Entry| -> Option<String> {
        let rest = e.path.strip_prefix(&prefix)?;
        (!e.is_dir && !e.unsafe_path && !rest.is_empty() && !rest.contains('/'))
            .then(|| rest.to_string())
    };

    let display = |entry: &str| format!("{}!/{prefix}{entry}", path.display());
    let mut read = |name: &str| -> Result<Option<Vec<u8>>, LoadError> {
        let full = format!("{prefix}{name}");
        let mut f = match archive.by_name(&full) {
            Ok(f) => f,
            Err(
                ::zip::result::ZipError::UnsupportedArchive(_)
                | ::zip::result::ZipError::FileNotFound,
            ) => return Ok(None),
            Err(e) => return Err(zip_err(e)),
        };
        if f.size() > MAX_READ_SIZE {
            return Ok(None);
        }
        let mut buf = Vec::new();
        // The declared size can lie; the cap holds regardless.
        f.by_ref().take(MAX_READ_SIZE + 1).read_to_end(&mut buf)?;
        Ok((buf.len() as u64 <= MAX_READ_SIZE).then_some(buf))
    };

    let root_files: Vec<String> = entries.iter().filter_map(&in_root).collect();
    let settings = match root_files.iter().find(|n| n.eq_ignore_ascii_case(SETTINGS_FILE)) {
        Some(name) => read(name)?.map(|b| ConnectorFile {
            entry: name.clone(),
            file: JsonFile::parse(display(name), b),
        }),
        None => None,
    };
    let names = Names::from_settings(settings.as_ref().map(|s| &s.file));
    let mut connector = Connector {
        origin: Origin::Zip(path.to_path_buf()),
        swagger: None,
        properties: None,
        settings,
        icon: None,
        readme: None,
        intro: None,
        script: None,
        entries: Vec::new(),
        nested_root,
        package: None,
    };
    for name in &root_files {
        let Some(role) = names.role(name) else { continue };
        if role == Role::Settings {
            continue;
        }
        let Some(bytes) = read(name)? else { continue };
        let entry = name.clone();
        let shown = display(name);
        let json = |bytes| {
            Some(ConnectorFile {
                entry: entry.clone(),
                file: JsonFile::parse(shown.clone(), bytes),
            })
        };
        let text = |bytes| {
            Some(ConnectorFile {
                entry: entry.clone(),
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
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    connector.entries = entries;
    Ok(connector)
}

/// Lists every entry of `archive` in archive order, as declared (nothing is read).
pub(super) fn list_entries<R: Read + std::io::Seek>(
    archive: &mut ::zip::ZipArchive<R>,
) -> Result<Vec<Entry>, ::zip::result::ZipError> {
    let mut entries = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i)?;
        entries.push(Entry {
            path: f.name().map_or_else(
                |_| String::from_utf8_lossy(f.name_raw()).into_owned(),
                std::borrow::Cow::into_owned,
            ),
            size: f.size(),
            compressed_size: Some(f.compressed_size()),
            is_dir: f.is_dir(),
            unsafe_path: f.enclosed_name().is_none(),
        });
    }
    Ok(entries)
}

/// The single top-level folder holding every entry, when the root has no connector files.
fn nested_root(entries: &[Entry]) -> Option<String> {
    let names = Names::from_settings(None);
    let root_has_connector = entries.iter().any(|e| {
        !e.is_dir
            && !e.path.contains('/')
            && matches!(names.role(&e.path), Some(Role::Swagger | Role::Properties))
    });
    if root_has_connector {
        return None;
    }
    let mut top: Option<&str> = None;
    for e in entries.iter().filter(|e| !is_os_debris(&e.path) && !e.unsafe_path) {
        let first = e.path.split('/').next().unwrap_or_default();
        if !e.path.contains('/') && !e.is_dir {
            return None;
        }
        match top {
            None => top = Some(first),
            Some(t) if t == first => {}
            Some(_) => return None,
        }
    }
    top.map(str::to_string)
}

/// Folders and files that archivers add on their own (macOS resource forks, Finder and
/// Explorer metadata).
pub fn is_os_debris(path: &str) -> bool {
    path.starts_with("__MACOSX/")
        || path == "__MACOSX"
        || path
            .rsplit('/')
            .next()
            .is_some_and(|n| n == ".DS_Store" || n.eq_ignore_ascii_case("Thumbs.db"))
}
