use super::common::{escapes_root, is_zip};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a connector given as a .zip archive, reports entries whose path escapes the archive:
    /// `..` components, absolute paths (`/etc/x`), drive letters (`C:\x`). Switchboard never
    /// extracts or reads them. In a certification package, the zips nested in it are checked
    /// too.
    ///
    /// ## Why it matters
    /// Such entries ("zip slip") overwrite files outside the target folder when an ordinary
    /// tool extracts the archive. No connector needs one: they come from a broken archiver or
    /// a hostile upload, and a registry or CI job must refuse the archive.
    ///
    /// ## Example
    /// An entry named `../../.bashrc` next to `apiDefinition.swagger.json`.
    ///
    /// ## Fix
    /// Rebuild the archive from the connector folder with relative paths only.
    pub ArchiveUnsafePath {
        code: "ZP004",
        name: "archive-unsafe-path",
        group: Archive,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ArchiveUnsafePath {
    fn check(&self, cx: &mut Context<'_>) {
        let c = cx.connector();
        if !is_zip(c) && c.package.is_none() {
            return;
        }
        // In a certification package, the zips nested in it too (`pkg.zip!/../x`).
        let nested = c.package.iter().flat_map(|p| p.archives());
        let found: Vec<(String, String)> = c
            .entries
            .iter()
            .filter(|e| escapes_root(e))
            .map(|e| (e.path.clone(), e.path.clone()))
            .chain(nested.flat_map(|z| {
                z.entries
                    .iter()
                    .filter(|e| escapes_root(e))
                    .map(|e| (z.entry(&e.path), e.path.clone()))
            }))
            .collect();
        for (entry, name) in found {
            cx.report_file(
                &entry,
                format!(
                    "the entry '{}' points outside the archive (path traversal); it was not read",
                    name.escape_debug()
                ),
            )
            .set_help("rebuild the archive with relative paths only");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::artifacts_zip;
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn relative_paths_pass() {
        assert!(check(&ArchiveUnsafePath, &artifacts_zip(&[("a/b.txt", b"x")])).is_empty());
        // Folders are never reported: their listing comes from the file system.
        assert!(check(&ArchiveUnsafePath, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn traversal_in_a_nested_package_zip_fails() {
        use crate::test_support::package::{FLOW_SOLUTION, PackageFixture};
        let good = PackageFixture::new().build();
        assert!(check(&ArchiveUnsafePath, &good).is_empty());
        let mut f = PackageFixture::new();
        f.set(&format!("{FLOW_SOLUTION}!/../../evil.dll"), b"MZ".to_vec());
        let d = check(&ArchiveUnsafePath, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            &*d[0].location.file,
            "package.zip!/Taskforge.pdpkg.zip!/PkgAssets/TaskforgeFlow.zip!/../../evil.dll"
        );
    }

    #[test]
    fn traversal_and_absolute_paths_fail() {
        let c = artifacts_zip(&[
            ("../evil.txt", b"x"),
            ("/etc/passwd", b"x"),
            ("C:\\x.txt", b"x"),
            ("a\\..\\..\\b", b"x"),
        ]);
        let d = check(&ArchiveUnsafePath, &c);
        assert_eq!(d.len(), 4, "{d:?}");
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(
            &"the entry '../evil.txt' points outside the archive (path traversal); it was not read"
        ));
        assert!(d.iter().all(|d| d.severity == Severity::Error));
    }
}
