//! Reading a certification package out of its outer zip, in memory.

use std::io::{Cursor, Read, Seek};
use std::path::Path;

use ::zip::ZipArchive;

use super::xml::scan;
use super::{
    ConnectorFolder, Customizations, MAX_DEPTH, MAX_PACKAGE_BYTES, MAX_SOLUTIONS, MAX_WORKFLOWS,
    Manifest, NestedZip, Package, Solution, SolutionKind, Unread, suffix,
};
use crate::connector::zip::list_entries;
use crate::connector::{
    Connector, ConnectorFile, Entry, INTRO_FILE, MAX_READ_SIZE, Names, Origin, Role, is_os_debris,
};
use crate::json::JsonFile;
use crate::source::SourceFile;

/// Whether a zip with these entries is a certification package rather than a connector
/// archive: its root (or the one folder holding everything) has a `*.zip` and no connector
/// artifact. Returns the root's prefix (`""` or `Folder/`).
///
/// A `*.md` is not required, although the package must have one (intro.md): a package without
/// it is still a package, and PZ002 says what is missing; a legacy artifact zip never holds a
/// zip.
pub(in crate::connector) fn is_package(
    entries: &[Entry],
    nested_root: Option<&str>,
) -> Option<String> {
    let names = Names::from_settings(None);
    let usable = |e: &&Entry| !e.is_dir && !e.escapes_root() && !is_os_debris(&e.path);
    let mut prefixes = vec![String::new()];
    prefixes.extend(nested_root.map(|r| format!("{r}/")));
    for prefix in prefixes {
        let root_files: Vec<&str> = entries
            .iter()
            .filter(usable)
            .filter_map(|e| e.path.strip_prefix(prefix.as_str()))
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .collect();
        let artifact = root_files
            .iter()
            .any(|n| matches!(names.role(n), Some(Role::Swagger | Role::Properties)));
        if artifact {
            return None;
        }
        if root_files.iter().any(|n| has_extension(n, ".zip")) {
            return Some(prefix);
        }
    }
    None
}

/// Loads the package held by `archive` (the outer zip at `path`, already listed as `entries`),
/// its root at `prefix`.
pub(in crate::connector) fn load<R: Read + Seek>(
    path: &Path,
    archive: &mut ZipArchive<R>,
    entries: Vec<Entry>,
    prefix: &str,
) -> Connector {
    let outer = path.display().to_string();
    let mut reader = Reader { outer: &outer, left: MAX_PACKAGE_BYTES, unread: Vec::new() };
    let mut root_files: Vec<&Entry> = entries
        .iter()
        .filter(|e| !e.is_dir && !e.escapes_root() && !is_os_debris(&e.path))
        .filter(|e| e.path.strip_prefix(prefix).is_some_and(|r| !r.is_empty() && !r.contains('/')))
        .collect();
    root_files.sort_by(|a, b| a.path.cmp(&b.path));

    // intro.md, else the one Markdown file there is (PZ002 reports a count other than one).
    let md = root_files
        .iter()
        .find(|e| e.path[prefix.len()..].eq_ignore_ascii_case(INTRO_FILE))
        .or_else(|| root_files.iter().find(|e| has_extension(&e.path, ".md")));
    let intro = md.and_then(|e| {
        let bytes = reader.read(archive, &e.path, &e.path)?;
        Some(ConnectorFile { entry: e.path.clone(), file: reader.source(&e.path, bytes) })
    });

    let mut package = Package::default();
    if let Some(e) = root_files.iter().find(|e| has_extension(&e.path, ".zip")) {
        let (zip, mut inner) = reader.open(archive, &e.path, e.path.clone(), 2);
        if let Some(inner) = inner.as_mut() {
            package.solutions = solutions(&mut reader, inner, &zip);
        }
        package.package_zip = Some(zip);
    }

    let mut connector = Connector {
        origin: Origin::Package(path.to_path_buf()),
        swagger: None,
        properties: None,
        settings: None,
        icon: None,
        readme: None,
        intro,
        script: None,
        entries,
        nested_root: prefix.strip_suffix('/').map(str::to_string),
        package: None,
    };
    connector.entries.sort_by(|a, b| a.path.cmp(&b.path));
    let primary = package
        .solutions
        .iter()
        .position(|s| s.kind() == SolutionKind::Connector && s.connector.definition.is_some())
        .or_else(|| package.solutions.iter().position(|s| s.connector.definition.is_some()));
    if let Some(i) = primary {
        let folder = &mut package.solutions[i].connector;
        connector.swagger = folder.definition.take();
        connector.icon = folder.icon.take();
        connector.script = folder.script.take();
    }
    package.primary = primary;
    package.unread = reader.unread;
    connector.package = Some(Box::new(package));
    connector
}

/// Reads the solution zips one folder down in the package zip.
fn solutions<R: Read + Seek>(
    reader: &mut Reader<'_>,
    archive: &mut ZipArchive<R>,
    zip: &NestedZip,
) -> Vec<Solution> {
    let candidates: Vec<&Entry> = zip
        .visible()
        .filter(|e| !e.is_dir && has_extension(&e.path, ".zip"))
        .filter(|e| e.path.split('/').count() == 2)
        .collect();
    let mut out = Vec::new();
    for (i, e) in candidates.iter().enumerate() {
        let path = zip.entry(&e.path);
        if i >= MAX_SOLUTIONS {
            reader.unread.push(Unread {
                path,
                reason: format!("the package holds more than {MAX_SOLUTIONS} solution zips; the rest were not read"),
            });
            continue;
        }
        let (sol_zip, inner) = reader.open(archive, &e.path, path, 3);
        let mut solution = Solution {
            zip: sol_zip,
            customizations: None,
            manifest: None,
            connector: ConnectorFolder::default(),
            workflows: Vec::new(),
        };
        if let Some(mut inner) = inner {
            read_solution(reader, &mut inner, &mut solution);
        }
        out.push(solution);
    }
    out
}

fn read_solution<R: Read + Seek>(
    reader: &mut Reader<'_>,
    archive: &mut ZipArchive<R>,
    solution: &mut Solution,
) {
    let zip = &solution.zip;
    let root: Vec<(String, String)> =
        zip.files_in("").map(|(e, name)| (e.path.clone(), name.to_ascii_lowercase())).collect();
    for (path, name) in &root {
        let entry = zip.entry(path);
        let wanted = name == "customizations.xml" || name == "solution.xml";
        let Some(bytes) = wanted.then(|| reader.read(archive, path, &entry)).flatten() else {
            continue;
        };
        if name == "customizations.xml" {
            let found =
                scan(&bytes, &["Connector", "Workflows", "aicopilot_aiplugin"], &["JsonFileName"]);
            let mut first = found.first.into_iter();
            solution.customizations = Some(Customizations {
                connector: first.next().flatten(),
                workflows: first.next().flatten(),
                ai_plugin: first.next().flatten(),
                json_file_names: found.all.into_iter().next().unwrap_or_default(),
                error: found.error,
                file: ConnectorFile { file: reader.source(&entry, bytes), entry },
            });
        } else {
            let found = scan(&bytes, &[], &["Managed"]);
            solution.manifest = Some(Manifest {
                managed: found.all.into_iter().next().and_then(|t| t.into_iter().next()),
                error: found.error,
                file: ConnectorFile { file: reader.source(&entry, bytes), entry },
            });
        }
    }

    let files: Vec<(String, String)> = zip
        .files_in("Connector/")
        .map(|(e, name)| (e.path.clone(), name.to_ascii_lowercase()))
        .collect();
    let folder = &mut solution.connector;
    for (path, name) in &files {
        let entry = zip.entry(path);
        let slot = if name.ends_with(suffix::DEFINITION) {
            Slot::Json(&mut folder.definition)
        } else if name.ends_with(suffix::CONNECTION_PARAMETERS) {
            Slot::Json(&mut folder.connection_parameters)
        } else if name.ends_with(suffix::POLICY_TEMPLATES) {
            Slot::Json(&mut folder.policy_templates)
        } else if name.ends_with(suffix::ICON) {
            Slot::Source(&mut folder.icon)
        } else if name.ends_with(suffix::SCRIPT) {
            Slot::Source(&mut folder.script)
        } else {
            continue;
        };
        // The first of each kind, in name order; a second one is PZ009's to report.
        match slot {
            Slot::Json(s) if s.is_none() => {
                if let Some(bytes) = reader.read(archive, path, &entry) {
                    let file = JsonFile::parse(reader.display(&entry), bytes);
                    *s = Some(ConnectorFile { entry, file });
                }
            }
            Slot::Source(s) if s.is_none() => {
                if let Some(bytes) = reader.read(archive, path, &entry) {
                    *s = Some(ConnectorFile { file: reader.source(&entry, bytes), entry });
                }
            }
            _ => {}
        }
    }

    let flows: Vec<String> = zip
        .files_in("Workflows/")
        .filter(|(_, name)| has_extension(name, ".json"))
        .map(|(e, _)| e.path.clone())
        .collect();
    for (i, path) in flows.iter().enumerate() {
        let entry = zip.entry(path);
        if i >= MAX_WORKFLOWS {
            reader.unread.push(Unread {
                path: entry,
                reason: format!("the solution holds more than {MAX_WORKFLOWS} workflow files; the rest were not read"),
            });
            break;
        }
        if let Some(bytes) = reader.read(archive, path, &entry) {
            solution.workflows.push(ConnectorFile { file: reader.source(&entry, bytes), entry });
        }
    }
}

enum Slot<'a> {
    Json(&'a mut Option<ConnectorFile<JsonFile>>),
    Source(&'a mut Option<ConnectorFile<SourceFile>>),
}

/// Reads entries against the package's byte budget, recording what it does not read.
struct Reader<'o> {
    /// The outer archive as displayed.
    outer: &'o str,
    /// Bytes that may still be read.
    left: u64,
    unread: Vec<Unread>,
}

impl Reader<'_> {
    /// The name a file is reported under.
    fn display(&self, entry: &str) -> String {
        format!("{}!/{entry}", self.outer)
    }

    fn source(&self, entry: &str, bytes: Vec<u8>) -> SourceFile {
        SourceFile::new(self.display(entry), bytes)
    }

    /// Reads `name` from `archive`; `entry` is how it is named in [`Unread`].
    fn read<R: Read + Seek>(
        &mut self,
        archive: &mut ZipArchive<R>,
        name: &str,
        entry: &str,
    ) -> Option<Vec<u8>> {
        let mut skip = |reason: String| {
            self.unread.push(Unread { path: entry.to_string(), reason });
            None
        };
        let mut f = match archive.by_name(name) {
            Ok(f) => f,
            Err(e) => return skip(format!("cannot be read: {e}")),
        };
        let declared = f.size();
        if declared > MAX_READ_SIZE {
            return skip(format!(
                "declares {declared} bytes, more than the {MAX_READ_SIZE}-byte limit; not read"
            ));
        }
        let cap = MAX_READ_SIZE.min(self.left);
        let budget_spent = format!(
            "the package's archives hold more than {MAX_PACKAGE_BYTES} bytes in all; not read"
        );
        if declared > cap {
            return skip(budget_spent);
        }
        let mut buf = Vec::new();
        // The declared size can lie; the cap holds regardless.
        if let Err(e) = f.by_ref().take(cap + 1).read_to_end(&mut buf) {
            return skip(format!("cannot be read: {e}"));
        }
        if buf.len() as u64 > cap {
            return skip(if cap < MAX_READ_SIZE {
                budget_spent
            } else {
                format!("expands past the {MAX_READ_SIZE}-byte limit; not read")
            });
        }
        self.left -= buf.len() as u64;
        Some(buf)
    }

    /// Reads the zip `name` out of `archive` and lists it; `path` is its nested entry name,
    /// `depth` its nesting level (the outer archive is 1).
    fn open<R: Read + Seek>(
        &mut self,
        archive: &mut ZipArchive<R>,
        name: &str,
        path: String,
        depth: usize,
    ) -> (NestedZip, Option<ZipArchive<Cursor<Vec<u8>>>>) {
        let failed = |path, error: String| {
            (NestedZip { path, entries: Vec::new(), error: Some(error) }, None)
        };
        if depth > MAX_DEPTH {
            return failed(path, format!("nested deeper than {MAX_DEPTH} zips; not opened"));
        }
        let Some(bytes) = self.read(archive, name, &path) else {
            let reason = self.unread.pop().map_or_else(String::new, |u| u.reason);
            return failed(path, reason);
        };
        let mut inner = match ZipArchive::new(Cursor::new(bytes)) {
            Ok(a) => a,
            Err(e) => return failed(path, format!("not a readable zip archive: {e}")),
        };
        match list_entries(&mut inner) {
            Ok(mut entries) => {
                entries.sort_by(|a, b| a.path.cmp(&b.path));
                (NestedZip { path, entries, error: None }, Some(inner))
            }
            Err(e) => failed(path, format!("not a readable zip archive: {e}")),
        }
    }
}

fn has_extension(name: &str, ext: &str) -> bool {
    name.len() > ext.len()
        && name.get(name.len() - ext.len()..).is_some_and(|tail| tail.eq_ignore_ascii_case(ext))
}
