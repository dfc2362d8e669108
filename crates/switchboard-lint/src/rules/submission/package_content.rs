use switchboard_model::connector::Entry;
use switchboard_model::connector::package::suffix;

use super::common::report_outer;
use super::connector_folder_files::anywhere;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Extensions of files that run code on Windows or elsewhere when opened.
const EXECUTABLE: &[&str] = &[
    "exe", "dll", "msi", "msp", "bat", "cmd", "com", "scr", "pif", "cpl", "hta", "ps1", "psm1",
    "vbs", "vbe", "wsf", "wsh", "jar", "sh", "app", "apk", "lnk",
];

declare_rule! {
    /// ## What it does
    /// For a certification package, checks that it contains the connector's definition
    /// (`*_openapidefinition.json`) and icon (`*_iconblob.Png`) in a solution's `Connector/`
    /// folder, and no executable file (`.exe`, `.dll`, `.msi`, `.bat`, `.ps1`, `.sh`, `.jar`, …)
    /// outside the package zip's root, where Package Deployer's own assembly and `.pdb`
    /// legitimately sit.
    ///
    /// Only file names are checked: whether a file is malware (policy 5000.1.1.4) cannot be
    /// decided offline.
    ///
    /// ## Why it matters
    /// A package without the definition or icon is rejected as incomplete (policies 5000.1.1.1
    /// and 5000.1.1.3); connector and flow solutions carry no executables, so one there is at
    /// best a mistake and at worst what the malware scan (5000.1.1.4) rejects.
    ///
    /// ## Example
    /// A flow solution with `Tools/setup.exe` added by hand.
    ///
    /// ## Fix
    /// Export the connector solution with the connector's definition and icon saved; remove
    /// anything that is not an exported solution.
    pub PackageContent {
        code: "PZ013",
        name: "package-content",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PackageContent {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        // Judge presence only when the solutions could be looked at (else PZ001–PZ004 say why).
        if p.solutions.iter().any(|s| s.zip.error.is_none()) {
            for (suffix, what, policy) in [
                (suffix::DEFINITION, "apiDefinition (*_openapidefinition.json)", "5000.1.1.3"),
                (suffix::ICON, "icon (*_iconblob.Png)", "5000.1.1.1"),
            ] {
                if !anywhere(p, suffix) {
                    report_outer(
                        cx,
                        format!(
                            "the package contains no connector {what} in a solution's Connector folder (policy {policy})"
                        ),
                    )
                    .set_help("save the connector with its definition and icon, then export the solutions again");
                }
            }
        }
        let executable = |e: &Entry| {
            !e.is_dir
                && !e.escapes_root()
                && e.path
                    .rsplit_once('.')
                    .is_some_and(|(_, ext)| EXECUTABLE.iter().any(|x| x.eq_ignore_ascii_case(ext)))
        };
        let mut found: Vec<String> = cx
            .connector()
            .entries
            .iter()
            .filter(|e| executable(e))
            .map(|e| e.path.clone())
            .collect();
        if let Some(pkg) = &p.package_zip {
            // The package zip's root holds Package Deployer's assembly: not checked.
            found.extend(
                pkg.entries
                    .iter()
                    .filter(|e| e.path.contains('/') && executable(e))
                    .map(|e| pkg.entry(&e.path)),
            );
        }
        for s in &p.solutions {
            found.extend(
                s.zip.entries.iter().filter(|e| executable(e)).map(|e| s.zip.entry(&e.path)),
            );
        }
        for path in found {
            cx.report_file(
                &path,
                format!("'{path}' is an executable file: a certification package holds only the exported solutions and intro.md"),
            )
            .set_help("remove the file from the package");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{CONNECTOR_SOLUTION, FLOW_SOLUTION, NAME, PackageFixture};

    #[test]
    fn a_good_package_passes() {
        // Including the Package Deployer assembly at the package zip's root.
        assert!(check(&PackageContent, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn no_icon_anywhere_fails() {
        let mut f = PackageFixture::new();
        for s in [CONNECTOR_SOLUTION, FLOW_SOLUTION] {
            f.remove(&format!("{s}!/Connector/{NAME}_iconblob.Png"));
        }
        let d = check(&PackageContent, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&*d[0].location.file, "package.zip");
        assert_eq!(
            d[0].message,
            "the package contains no connector icon (*_iconblob.Png) in a solution's Connector folder (policy 5000.1.1.1)"
        );
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn executables_fail() {
        let mut f = PackageFixture::new();
        f.set("setup.exe", b"MZ".to_vec())
            .set(&format!("{FLOW_SOLUTION}!/Tools/run.ps1"), b"x".to_vec());
        let d = check(&PackageContent, &f.build());
        let files: Vec<&str> = d.iter().map(|d| &*d.location.file).collect();
        assert_eq!(
            files,
            [
                "package.zip!/Taskforge.pdpkg.zip!/PkgAssets/TaskforgeFlow.zip!/Tools/run.ps1",
                "package.zip!/setup.exe",
            ]
        );
    }
}
