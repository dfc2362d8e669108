use switchboard_model::connector::is_os_debris;

use super::common::{escapes_root, is_zip};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a connector given as a .zip archive, reports folders and operating-system debris:
    /// `__MACOSX/` (once), `.DS_Store` and `Thumbs.db` files, the folder that wraps every file
    /// when a folder rather than its files was zipped, and any other folder.
    ///
    /// ## Why it matters
    /// The legacy submission takes the artifact files at the root of the zip and nothing else:
    /// "When using macOS, ensure that only the three connector artifact files are included."
    /// Finder's "Compress" adds `__MACOSX/` and `.DS_Store`; zipping the folder instead of its
    /// files puts everything one level down, where the portal does not look.
    ///
    /// ## Example
    /// `connector.zip` containing `MyConnector/apiDefinition.swagger.json`, … and
    /// `__MACOSX/MyConnector/._icon.png`.
    ///
    /// ## Fix
    /// From inside the connector folder, zip the files themselves without OS metadata:
    /// `zip -X connector.zip apiDefinition.swagger.json apiProperties.json icon.png`.
    pub ArchiveFoldersOrDebris {
        code: "ZP002",
        name: "archive-folders-or-debris",
        group: Archive,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ArchiveFoldersOrDebris {
    fn check(&self, cx: &mut Context<'_>) {
        let c = cx.connector();
        if !is_zip(c) {
            return;
        }
        let nested = c.nested_root.as_deref();
        // (path shown, what it is), in archive order, each once.
        let mut found: Vec<(String, Kind)> = Vec::new();
        let mut add = |path: String, kind: Kind| {
            if !found.iter().any(|(p, _)| *p == path) {
                found.push((path, kind));
            }
        };
        for e in c.entries.iter().filter(|e| !escapes_root(e)) {
            if is_os_debris(&e.path) {
                if e.path.starts_with("__MACOSX") {
                    add("__MACOSX/".to_string(), Kind::Debris);
                } else {
                    add(e.path.clone(), Kind::Debris);
                }
                continue;
            }
            let path = e.path.trim_end_matches('/');
            let dir = if e.is_dir { Some(path) } else { path.rsplit_once('/').map(|(d, _)| d) };
            let Some(dir) = dir else { continue };
            let mut parts = dir.split('/');
            let top = parts.next().unwrap_or_default();
            if Some(top) == nested {
                add(format!("{top}/"), Kind::Wrapper);
                if let Some(sub) = parts.next() {
                    add(format!("{top}/{sub}/"), Kind::Folder);
                }
            } else {
                add(format!("{top}/"), Kind::Folder);
            }
        }
        for (path, kind) in found {
            let message = match kind {
                Kind::Debris => format!(
                    "'{path}' is operating-system debris: only the connector artifact files may be in the archive"
                ),
                Kind::Wrapper => format!(
                    "the archive's files sit in the folder '{path}': zip the connector files themselves, without a folder"
                ),
                Kind::Folder => format!(
                    "the archive contains the folder '{path}': a submission zip must not contain folders"
                ),
            };
            cx.report_file(&path, message).set_help(
                "zip only the artifact files, from inside the connector folder (`zip -X`)",
            );
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Debris,
    Wrapper,
    Folder,
}

#[cfg(test)]
mod tests {
    use super::super::common::{artifacts, artifacts_zip, zip_connector};
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn flat_archive_passes() {
        assert!(check(&ArchiveFoldersOrDebris, &artifacts_zip(&[])).is_empty());
        let folder = Fixture::new().set("images/a.png", b"x".to_vec()).build();
        assert!(check(&ArchiveFoldersOrDebris, &folder).is_empty());
    }

    #[test]
    fn debris_and_folders_fail_once_each() {
        let c = artifacts_zip(&[
            ("__MACOSX/._icon.png", b"x"),
            ("__MACOSX/._apiProperties.json", b"x"),
            (".DS_Store", b"x"),
            ("images/", b""),
            ("images/a.png", b"x"),
            ("docs/x/y.md", b"x"),
            ("/etc/passwd", b"x"),
        ]);
        let d = check(&ArchiveFoldersOrDebris, &c);
        let files: Vec<&str> = d.iter().map(|d| &*d.location.file).collect();
        assert_eq!(
            files,
            ["test.zip!/.DS_Store", "test.zip!/__MACOSX/", "test.zip!/docs/", "test.zip!/images/"]
        );
        assert_eq!(
            d[1].message,
            "'__MACOSX/' is operating-system debris: only the connector artifact files may be in the archive"
        );
        assert_eq!(
            d[3].message,
            "the archive contains the folder 'images/': a submission zip must not contain folders"
        );
        assert!(d.iter().all(|d| d.severity == Severity::Error));
    }

    #[test]
    fn zipped_folder_fails_at_the_wrapper() {
        let base = artifacts();
        let names: Vec<String> = base.iter().map(|(n, _)| format!("Taskforge/{n}")).collect();
        let mut files: Vec<(&str, &[u8])> =
            names.iter().zip(&base).map(|(n, (_, b))| (n.as_str(), b.as_slice())).collect();
        files.push(("Taskforge/shots/a.png", b"x"));
        let d = check(&ArchiveFoldersOrDebris, &zip_connector(&files));
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            d[0].message,
            "the archive's files sit in the folder 'Taskforge/': zip the connector files themselves, without a folder"
        );
        assert_eq!(&*d[1].location.file, "test.zip!/Taskforge/shots/");
    }
}
