//! A connector folder read for publishing, as paconn reads it: `settings.json` names the files
//! (paths relative to it; flags override), and the files go to the server under their
//! conventional names (`apiDefinition.swagger.json`, …), so the server loads exactly what was
//! validated here whatever they are called on disk. `settings.json` itself is not sent: it
//! names local paths, and the server writes its own into downloads.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use switchboard_model::connector::{
    Entry, ICON_FILE, INTRO_FILE, PROPERTIES_FILE, README_FILE, SCRIPT_FILE, SETTINGS_FILE,
    SWAGGER_FILE,
};
use switchboard_model::json::JsonFile;
use switchboard_model::{Connector, ConnectorFile, Origin, SourceFile};
use switchboard_store::ConnectorArchive;

use super::settings::SettingsFile;

/// Files named on the command line, overriding `settings.json`.
#[derive(Debug, Default)]
pub struct FileFlags<'a> {
    /// `--api-def`.
    pub api_def: Option<&'a Path>,
    /// `--api-prop`.
    pub api_prop: Option<&'a Path>,
    /// `--icon`.
    pub icon: Option<&'a Path>,
    /// `--script`.
    pub script: Option<&'a Path>,
}

/// One file of the connector.
#[derive(Debug)]
pub struct Part {
    /// Its conventional name, which the server stores it under.
    pub name: &'static str,
    /// Where it is on disk.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A connector folder ready to publish.
#[derive(Debug)]
pub struct Folder {
    /// The folder.
    pub dir: PathBuf,
    /// Its `settings.json` (which may not exist yet).
    pub settings: SettingsFile,
    /// Its files.
    pub parts: Vec<Part>,
}

/// A file `settings.json` can name: its key, conventional name, and whether it must exist.
struct Role {
    key: &'static str,
    name: &'static str,
    flag: &'static str,
    required: bool,
}

const ROLES: [Role; 4] = [
    Role { key: "apiDefinition", name: SWAGGER_FILE, flag: "--api-def", required: true },
    Role { key: "apiProperties", name: PROPERTIES_FILE, flag: "--api-prop", required: false },
    Role { key: "icon", name: ICON_FILE, flag: "--icon", required: false },
    Role { key: "script", name: SCRIPT_FILE, flag: "--script", required: false },
];

impl Folder {
    /// Reads the connector in `dir` (default: the folder of `--settings`, else `.`) with
    /// `settings` (default: `dir/settings.json`), flags overriding what it names.
    pub fn read(
        dir: Option<&Path>,
        settings: Option<&Path>,
        flags: &FileFlags<'_>,
    ) -> anyhow::Result<Folder> {
        let dir = match (dir, settings) {
            (Some(dir), _) => dir.to_path_buf(),
            (None, Some(settings)) => parent(settings).to_path_buf(),
            (None, None) => PathBuf::from("."),
        };
        if !dir.is_dir() {
            bail!("{} is not a connector folder", dir.display());
        }
        let settings_path = settings.map_or_else(|| dir.join(SETTINGS_FILE), Path::to_path_buf);
        let settings = SettingsFile::read(&settings_path)?;
        let base = parent(&settings_path).to_path_buf();

        let mut parts = Vec::new();
        for role in &ROLES {
            let flag = match role.key {
                "apiDefinition" => flags.api_def,
                "apiProperties" => flags.api_prop,
                "icon" => flags.icon,
                _ => flags.script,
            };
            let (path, named_by) = match (flag, settings.get(role.key)) {
                (Some(path), _) => (path.to_path_buf(), Some(role.flag.to_owned())),
                (None, Some(value)) => {
                    (base.join(value), Some(format!("`{}` in {}", role.key, settings.shown())))
                }
                (None, None) => (dir.join(role.name), None),
            };
            match read_file(&path)? {
                Some(bytes) => parts.push(Part { name: role.name, path, bytes }),
                None => match named_by {
                    Some(by) => bail!("{}: no such file (named by {by})", path.display()),
                    None if role.required => bail!(
                        "{}: no such file; name the API definition with {} or `{}` in {}",
                        path.display(),
                        role.flag,
                        role.key,
                        SETTINGS_FILE
                    ),
                    None => {}
                },
            }
        }
        for name in [README_FILE, INTRO_FILE] {
            if let Some(path) = find_case_insensitive(&dir, name)? {
                let bytes = fs_err::read(&path)?;
                parts.push(Part { name, path, bytes });
            }
        }
        Ok(Folder { dir, settings, parts })
    }

    /// The connector as the server will load it, with the files reported under their paths on
    /// disk.
    pub fn connector(&self) -> Connector {
        let mut c = Connector::empty(Origin::Folder(self.dir.clone()));
        for part in &self.parts {
            let shown = part.path.display().to_string();
            let entry = part.name.to_owned();
            let json = || ConnectorFile {
                entry: entry.clone(),
                file: JsonFile::parse(shown.clone(), part.bytes.clone()),
            };
            let text = || ConnectorFile {
                entry: entry.clone(),
                file: SourceFile::new(shown.clone(), part.bytes.clone()),
            };
            match part.name {
                SWAGGER_FILE => c.swagger = Some(json()),
                PROPERTIES_FILE => c.properties = Some(json()),
                ICON_FILE => c.icon = Some(text()),
                SCRIPT_FILE => c.script = Some(text()),
                README_FILE => c.readme = Some(text()),
                _ => c.intro = Some(text()),
            }
            c.entries.push(Entry {
                path: entry,
                size: part.bytes.len() as u64,
                compressed_size: None,
                is_dir: false,
                unsafe_path: false,
            });
        }
        c.entries.sort_by(|a, b| a.path.cmp(&b.path));
        c
    }

    /// The upload: the files at the root of a zip, under their conventional names.
    pub fn zip(&self) -> anyhow::Result<Vec<u8>> {
        let files: Vec<(String, Vec<u8>)> =
            self.parts.iter().map(|p| (p.name.to_owned(), p.bytes.clone())).collect();
        Ok(ConnectorArchive::from_files(&files).context("cannot pack the connector")?.into_bytes())
    }

    /// The settings entries a new `settings.json` gets: each file by its path relative to the
    /// settings file's folder (absolute when outside it).
    pub fn file_keys(&self) -> Vec<(&'static str, String)> {
        let base = parent(&self.settings.path);
        ROLES
            .iter()
            .filter_map(|role| {
                let part = self.parts.iter().find(|p| p.name == role.name)?;
                let relative = match part.path.strip_prefix(base) {
                    Ok(inside) => inside.to_path_buf(),
                    // Relative to the working directory, which is the settings file's folder.
                    Err(_) if base == Path::new(".") && part.path.is_relative() => {
                        part.path.clone()
                    }
                    Err(_) => std::path::absolute(&part.path).unwrap_or_else(|_| part.path.clone()),
                };
                Some((role.key, relative.to_string_lossy().replace('\\', "/")))
            })
            .collect()
    }
}

/// The folder holding `path` (`.` for a bare file name).
fn parent(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn read_file(path: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    match fs_err::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(Some(fs_err::read(path)?)),
        Ok(_) => bail!("{} is not a file", path.display()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// `dir/name`, matching the name in any case (the exact spelling first), as the loader does.
fn find_case_insensitive(dir: &Path, name: &str) -> anyhow::Result<Option<PathBuf>> {
    let exact = dir.join(name);
    if exact.is_file() {
        return Ok(Some(exact));
    }
    let mut found: Vec<PathBuf> = fs_err::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().eq_ignore_ascii_case(name))
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    Ok(found.into_iter().next())
}
