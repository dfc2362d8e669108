//! The Partner Center certification package (catalog §8.2): an outer zip holding `intro.md`
//! and a package zip (`*.pdpkg.zip`), which holds one folder (`PkgAssets/`) of solution zips
//! exported from Dataverse, each with `[Content_Types].xml`, `customizations.xml`,
//! `solution.xml`, and component folders (`Connector/`, `Workflows/`, …).
//!
//! Nested zips are read in memory, never extracted, with the caps of a plain zip
//! ([`MAX_READ_SIZE`] per file) plus a budget for the whole package ([`MAX_PACKAGE_BYTES`]) and
//! a nesting limit ([`MAX_DEPTH`]); entries whose names escape the archive are listed and never
//! read. What could not be read is recorded in [`Package::unread`], not dropped silently.
//!
//! The connector solution's `Connector/` files become the [`Connector`](super::Connector)'s own
//! files (definition → swagger, icon blob → icon, custom code → script), so every swagger, icon
//! and script rule runs on them; the outer `intro.md` is its intro. `apiProperties.json` has no
//! faithful equivalent in a solution (publisher and stackOwner are not exported, and the brand
//! colour and capabilities live in `customizations.xml`), so a package's connector has none.

mod load;
mod xml;

pub(super) use load::{is_package, load};
pub use xml::{XmlElement, XmlError, XmlText};

use super::{ConnectorFile, Entry, MAX_READ_SIZE, is_os_debris};
use crate::json::JsonFile;
use crate::source::SourceFile;

/// How deep zips are opened: the outer archive (1), the package zip (2), the solution zips (3).
/// A zip inside a solution zip is listed, never opened.
pub const MAX_DEPTH: usize = 3;

/// The most bytes read out of one package's archives in all (decompressed); past it the rest is
/// listed but not read.
pub const MAX_PACKAGE_BYTES: u64 = 4 * MAX_READ_SIZE;

/// The most solution zips read from one package (a real one has 2 or 3).
pub const MAX_SOLUTIONS: usize = 8;

/// The most workflow files read from one solution (they are read only to see which connector a
/// flow uses).
pub const MAX_WORKFLOWS: usize = 64;

/// A certification package as found.
#[derive(Debug, Default)]
pub struct Package {
    /// The package zip: the first `*.zip` at the root of the outer archive, by name.
    pub package_zip: Option<NestedZip>,
    /// The solution zips found one folder down in the package zip (`PkgAssets/*.zip`), by path.
    pub solutions: Vec<Solution>,
    /// Index into `solutions` of the one whose `Connector/` files were loaded as the connector's
    /// (their definition, icon and script moved there): the connector-only solution, else the
    /// first holding a definition.
    pub primary: Option<usize>,
    /// Files and archives listed but not read, and why.
    pub unread: Vec<Unread>,
}

/// A zip inside the package.
#[derive(Debug)]
pub struct NestedZip {
    /// Its entry name inside the outer archive, nesting levels joined by `!/`:
    /// `pkg.zip` or `pkg.zip!/PkgAssets/sol.zip`.
    pub path: String,
    /// Its entries, sorted by path (empty when it could not be read).
    pub entries: Vec<Entry>,
    /// Why it could not be read as a zip.
    pub error: Option<String>,
}

/// A file or archive that was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    /// Entry name inside the outer archive (see [`NestedZip::path`]).
    pub path: String,
    /// Why.
    pub reason: String,
}

/// A solution zip exported from Dataverse.
#[derive(Debug)]
pub struct Solution {
    /// The archive.
    pub zip: NestedZip,
    /// `customizations.xml` at its root, when present.
    pub customizations: Option<Customizations>,
    /// `solution.xml` at its root, when present.
    pub manifest: Option<Manifest>,
    /// The files read from `Connector/`.
    pub connector: ConnectorFolder,
    /// The workflow files of `Workflows/` (`*.json`, at most [`MAX_WORKFLOWS`]).
    pub workflows: Vec<ConnectorFile<SourceFile>>,
}

/// The files of a solution's `Connector/` folder, by their Dataverse suffix. Entry names are
/// nested (`pkg.zip!/PkgAssets/sol.zip!/Connector/x_openapidefinition.json`).
#[derive(Debug, Default)]
pub struct ConnectorFolder {
    /// `*_openapidefinition.json` (moved to the connector's swagger for the primary solution).
    pub definition: Option<ConnectorFile<JsonFile>>,
    /// `*_connectionparameters.json`.
    pub connection_parameters: Option<ConnectorFile<JsonFile>>,
    /// `*_policytemplateinstances.json`.
    pub policy_templates: Option<ConnectorFile<JsonFile>>,
    /// `*_iconblob.Png` (moved to the connector's icon for the primary solution).
    pub icon: Option<ConnectorFile<SourceFile>>,
    /// `*_customcodeblobcontent.csx` (moved to the connector's script for the primary solution).
    pub script: Option<ConnectorFile<SourceFile>>,
}

/// The suffixes of the files Dataverse exports into `Connector/`, lower-case.
pub mod suffix {
    /// The definition.
    pub const DEFINITION: &str = "_openapidefinition.json";
    /// The connection parameters.
    pub const CONNECTION_PARAMETERS: &str = "_connectionparameters.json";
    /// The policy template instances.
    pub const POLICY_TEMPLATES: &str = "_policytemplateinstances.json";
    /// The icon.
    pub const ICON: &str = "_iconblob.png";
    /// The custom code.
    pub const SCRIPT: &str = "_customcodeblobcontent.csx";
}

/// What `customizations.xml` says about the solution's components.
#[derive(Debug)]
pub struct Customizations {
    /// The file.
    pub file: ConnectorFile<SourceFile>,
    /// The first `<Connector>` element.
    pub connector: Option<XmlElement>,
    /// The first `<Workflows>` element.
    pub workflows: Option<XmlElement>,
    /// The first `<aicopilot_aiplugin>` element.
    pub ai_plugin: Option<XmlElement>,
    /// Every `<JsonFileName>` (workflow file paths such as `/Workflows/Flow-GUID.json`).
    pub json_file_names: Vec<XmlText>,
    /// Set when the file is not well-formed XML.
    pub error: Option<XmlError>,
}

impl Customizations {
    /// Whether the solution holds a connector (a non-empty `<Connector>`).
    pub fn has_connector(&self) -> bool {
        self.connector.as_ref().is_some_and(|e| e.non_empty)
    }

    /// Whether the solution holds flows (a non-empty `<Workflows>`).
    pub fn has_workflows(&self) -> bool {
        self.workflows.as_ref().is_some_and(|e| e.non_empty)
    }

    /// Whether the solution holds an AI plugin (a non-empty `<aicopilot_aiplugin>`).
    pub fn has_ai_plugin(&self) -> bool {
        self.ai_plugin.as_ref().is_some_and(|e| e.non_empty)
    }
}

/// What `solution.xml` says.
#[derive(Debug)]
pub struct Manifest {
    /// The file.
    pub file: ConnectorFile<SourceFile>,
    /// The first `<Managed>` element's text (`0` for an unmanaged export).
    pub managed: Option<XmlText>,
    /// Set when the file is not well-formed XML.
    pub error: Option<XmlError>,
}

/// What a solution is for, from its `customizations.xml` (the classification of Microsoft's
/// package validator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SolutionKind {
    /// A connector and nothing else of note.
    Connector,
    /// A connector and flows.
    Flow,
    /// A connector and an AI plugin.
    Plugin,
    /// Anything else (no connector, flows and a plugin together, no readable XML).
    Other,
}

impl Solution {
    /// The classification.
    pub fn kind(&self) -> SolutionKind {
        let Some(c) = &self.customizations else { return SolutionKind::Other };
        match (c.has_connector(), c.has_workflows(), c.has_ai_plugin()) {
            (true, false, false) => SolutionKind::Connector,
            (true, true, false) => SolutionKind::Flow,
            (true, false, true) => SolutionKind::Plugin,
            _ => SolutionKind::Other,
        }
    }
}

impl Package {
    /// Whether any solution holds an AI plugin (the package then needs a third solution).
    pub fn has_ai_plugin(&self) -> bool {
        self.solutions
            .iter()
            .any(|s| s.customizations.as_ref().is_some_and(Customizations::has_ai_plugin))
    }

    /// Every archive of the package, the package zip first.
    pub fn archives(&self) -> impl Iterator<Item = &NestedZip> {
        self.package_zip.iter().chain(self.solutions.iter().map(|s| &s.zip))
    }
}

impl NestedZip {
    /// The entry name, inside the outer archive, of `inner`, a path inside this zip.
    pub fn entry(&self, inner: &str) -> String {
        format!("{}!/{inner}", self.path)
    }

    /// The file name of the archive.
    pub fn name(&self) -> &str {
        let last = self.path.rsplit("!/").next().unwrap_or(&self.path);
        last.rsplit('/').next().unwrap_or(last)
    }

    /// The entries worth looking at: no OS debris, no name escaping the archive.
    pub fn visible(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !is_os_debris(&e.path) && !e.escapes_root())
    }

    /// The files directly in `folder` (`""` for the root, else a name ending in `/`, compared
    /// case-insensitively), as (entry, file name).
    pub fn files_in<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a Entry, &'a str)> {
        self.visible().filter(|e| !e.is_dir).filter_map(move |e| {
            let rest = strip_prefix_ignore_case(&e.path, folder)?;
            (!rest.is_empty() && !rest.contains('/')).then_some((e, rest))
        })
    }

    /// The names of the folders directly in `folder` (`""` or `name/`), from directory entries
    /// and from the paths of files below them, sorted, each once.
    pub fn folders_in(&self, folder: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .visible()
            .filter_map(|e| {
                let rest = strip_prefix_ignore_case(&e.path, folder)?;
                let (first, more) = rest.split_once('/')?;
                (!first.is_empty() && (e.is_dir || !more.is_empty() || rest.ends_with('/')))
                    .then(|| first.to_string())
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether the root holds a folder called `name` (compared case-insensitively, as Windows
    /// tools do).
    pub fn has_folder(&self, name: &str) -> bool {
        self.folders_in("").iter().any(|f| f.eq_ignore_ascii_case(name))
    }

    /// Whether the archive holds the file `path` (compared case-insensitively).
    pub fn has_file(&self, path: &str) -> bool {
        self.visible().any(|e| !e.is_dir && e.path.eq_ignore_ascii_case(path))
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests;
