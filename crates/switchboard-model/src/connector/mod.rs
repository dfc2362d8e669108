//! A connector as found on disk: a folder, a zip, or a lone definition file.

mod discover;
mod folder;
mod memory;
pub mod package;
mod write;

pub use write::{ConnectorFiles, write_certification_zip};
mod zip;

pub use zip::is_os_debris;

pub use discover::{DiscoverError, absolute, discover};

use std::path::{Path, PathBuf};

use crate::json::JsonFile;
use crate::source::SourceFile;

/// The definition file name.
pub const SWAGGER_FILE: &str = "apiDefinition.swagger.json";
/// The properties file name.
pub const PROPERTIES_FILE: &str = "apiProperties.json";
/// paconn's settings file name.
pub const SETTINGS_FILE: &str = "settings.json";
/// The icon file name.
pub const ICON_FILE: &str = "icon.png";
/// The custom-code file name.
pub const SCRIPT_FILE: &str = "script.csx";
/// The GitHub readme file name.
pub const README_FILE: &str = "readme.md";
/// The documentation intro file name.
pub const INTRO_FILE: &str = "intro.md";

/// Files larger than this are listed but not read (no connector file comes close; this keeps
/// a hostile zip or a stray disk image from exhausting memory).
pub const MAX_READ_SIZE: u64 = 64 * 1024 * 1024;

/// Where a connector was loaded from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A folder.
    Folder(PathBuf),
    /// A zip archive.
    Zip(PathBuf),
    /// A single `apiDefinition.swagger.json` given on its own.
    DefinitionFile(PathBuf),
    /// A Partner Center certification package (a zip of `intro.md` and a package zip of
    /// solution zips); [`Connector::package`] holds its layout.
    Package(PathBuf),
}

impl Origin {
    /// The path.
    pub fn path(&self) -> &Path {
        match self {
            Origin::Folder(p) | Origin::Zip(p) | Origin::DefinitionFile(p) | Origin::Package(p) => {
                p
            }
        }
    }
}

/// One file of a connector with the name it has inside the connector (`entry`), which may
/// differ in case from the conventional name.
#[derive(Debug)]
pub struct ConnectorFile<T> {
    /// Path relative to the connector root, `/`-separated.
    pub entry: String,
    /// The content.
    pub file: T,
}

/// A file or folder inside a connector, as listed (read or not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Path relative to the connector root, `/`-separated, as stored (for zips: the raw name).
    pub path: String,
    /// Uncompressed size in bytes (as declared, for zips).
    pub size: u64,
    /// Compressed size in bytes (zips only).
    pub compressed_size: Option<u64>,
    /// Whether this is a directory.
    pub is_dir: bool,
    /// Whether the path escapes the root (`..`, absolute, drive letters).
    pub unsafe_path: bool,
}

impl Entry {
    /// Whether the path leaves the archive root when extracted: marked unsafe by the loader
    /// (`..` components), or absolute (`/x`, `\\x`, `C:x`), which the zip reader accepts by
    /// dropping the root. Such entries are listed, never read.
    pub fn escapes_root(&self) -> bool {
        let p = self.path.as_str();
        let drive =
            p.len() >= 2 && p.as_bytes()[0].is_ascii_alphabetic() && p.as_bytes()[1] == b':';
        self.unsafe_path
            || p.starts_with(['/', '\\'])
            || drive
            || p.split(['/', '\\']).any(|c| c == "..")
    }
}

/// A loaded connector.
#[derive(Debug)]
pub struct Connector {
    /// Where it came from.
    pub origin: Origin,
    /// `apiDefinition.swagger.json`.
    pub swagger: Option<ConnectorFile<JsonFile>>,
    /// `apiProperties.json`.
    pub properties: Option<ConnectorFile<JsonFile>>,
    /// `settings.json`.
    pub settings: Option<ConnectorFile<JsonFile>>,
    /// The icon.
    pub icon: Option<ConnectorFile<SourceFile>>,
    /// `readme.md`, any casing.
    pub readme: Option<ConnectorFile<SourceFile>>,
    /// `intro.md`, any casing.
    pub intro: Option<ConnectorFile<SourceFile>>,
    /// `script.csx`.
    pub script: Option<ConnectorFile<SourceFile>>,
    /// Every file and folder found (recursively), sorted by path.
    pub entries: Vec<Entry>,
    /// For zips whose files sit in one top-level folder: that folder's name.
    pub nested_root: Option<String>,
    /// For a certification package ([`Origin::Package`]): its layout, read from the nested
    /// zips. The connector's swagger, icon and script are the connector solution's
    /// `Connector/` files, its intro the package's `intro.md`.
    pub package: Option<Box<package::Package>>,
}

/// Why a connector could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Reading the path failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The archive could not be read as a zip.
    #[error("{path}: not a readable zip archive: {source}")]
    Zip {
        /// The archive.
        path: PathBuf,
        /// The zip error.
        #[source]
        source: ::zip::result::ZipError,
    },
    /// The path is neither a folder, a zip nor a JSON file.
    #[error("{path}: not a connector folder, a .zip archive or an apiDefinition.swagger.json file")]
    NotAConnector {
        /// The path.
        path: PathBuf,
    },
}

impl Connector {
    /// A connector from `origin` with no files yet: loaders fill in what they find.
    pub fn empty(origin: Origin) -> Self {
        Self {
            origin,
            swagger: None,
            properties: None,
            settings: None,
            icon: None,
            readme: None,
            intro: None,
            script: None,
            entries: Vec::new(),
            nested_root: None,
            package: None,
        }
    }

    /// Loads a connector from a folder, a `.zip`, or a single definition file. A path to an
    /// `apiProperties.json` or `settings.json` loads its folder.
    pub fn load(path: &Path) -> Result<Connector, LoadError> {
        let meta = fs_err::metadata(path)?;
        if meta.is_dir() {
            return folder::load(path);
        }
        let name =
            path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        let extension = |ext: &str| path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
        if extension("zip") {
            return zip::load(path);
        }
        if name == PROPERTIES_FILE.to_ascii_lowercase() || name == SETTINGS_FILE {
            let parent =
                path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            return folder::load(parent);
        }
        if extension("json") {
            let bytes = read_limited(path)?;
            let display = path.display().to_string();
            return Ok(Connector {
                swagger: Some(ConnectorFile { entry: name, file: JsonFile::parse(display, bytes) }),
                ..Connector::empty(Origin::DefinitionFile(path.to_path_buf()))
            });
        }
        // Sniff: a zip without the extension.
        if is_zip(path)? {
            return zip::load(path);
        }
        Err(LoadError::NotAConnector { path: path.to_path_buf() })
    }

    /// Loads a connector from an in-memory zip archive, reported under `name`.
    pub fn load_zip_bytes(name: &str, bytes: Vec<u8>) -> Result<Connector, LoadError> {
        zip::load_bytes(Path::new(name), bytes)
    }

    /// The path this connector is reported under.
    pub fn path(&self) -> &Path {
        self.origin.path()
    }

    /// The swagger tree, if the file exists and parsed.
    pub fn swagger_root(&self) -> Option<&crate::json::Value> {
        self.swagger.as_ref()?.file.root()
    }

    /// The apiProperties tree, if the file exists and parsed.
    pub fn properties_root(&self) -> Option<&crate::json::Value> {
        self.properties.as_ref()?.file.root()
    }

    /// The name a file inside this connector is reported under.
    pub fn display_name(&self, entry: &str) -> String {
        match &self.origin {
            Origin::Folder(dir) => dir.join(entry).display().to_string(),
            Origin::Zip(zip) | Origin::Package(zip) => format!("{}!/{entry}", zip.display()),
            Origin::DefinitionFile(file) => file.display().to_string(),
        }
    }
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    let size = fs_err::metadata(path)?.len();
    if size > MAX_READ_SIZE {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "{}: {size} bytes is larger than the {MAX_READ_SIZE}-byte limit",
                path.display()
            ),
        ));
    }
    fs_err::read(path)
}

fn is_zip(path: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut magic = [0u8; 4];
    let mut file = fs_err::File::open(path)?;
    Ok(file.read(&mut magic)? == 4 && &magic == b"PK\x03\x04")
}

/// Which well-known file an entry name is, compared case-insensitively.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Swagger,
    Properties,
    Settings,
    Icon,
    Readme,
    Intro,
    Script,
}

/// File names taken from `settings.json` (paconn lets a connector rename its files).
pub(crate) struct Names {
    swagger: String,
    properties: String,
    icon: String,
    script: String,
}

impl Names {
    pub(crate) fn from_settings(settings: Option<&JsonFile>) -> Names {
        let view = settings.and_then(JsonFile::root).map(crate::settings::Settings::new);
        let lower =
            |name: Option<&str>, default: &str| name.unwrap_or(default).to_ascii_lowercase();
        Names {
            swagger: lower(view.map(|v| v.api_definition()), SWAGGER_FILE),
            properties: lower(view.map(|v| v.api_properties()), PROPERTIES_FILE),
            icon: lower(view.map(|v| v.icon()), ICON_FILE),
            script: lower(view.map(|v| v.script()), SCRIPT_FILE),
        }
    }

    pub(crate) fn role(&self, file_name: &str) -> Option<Role> {
        let lower = file_name.to_ascii_lowercase();
        Some(if lower == self.swagger {
            Role::Swagger
        } else if lower == self.properties {
            Role::Properties
        } else if lower == SETTINGS_FILE {
            Role::Settings
        } else if lower == self.icon {
            Role::Icon
        } else if lower == README_FILE {
            Role::Readme
        } else if lower == INTRO_FILE {
            Role::Intro
        } else if lower == self.script {
            Role::Script
        } else {
            return None;
        })
    }
}

#[cfg(test)]
mod tests;
