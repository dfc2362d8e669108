use super::common::report_outer;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package, checks that the outer archive has the `.zip` extension and
    /// that every archive inside it (the package zip, the solution zips) and every file
    /// Switchboard needs from them could be read: a nested zip that is corrupt or not a zip at
    /// all, a file that declares more than 64 MiB, a package whose archives expand to more than
    /// 256 MiB in all, more than 8 solution zips or 64 workflow files in one solution. What is
    /// not read is not checked, so each is reported.
    ///
    /// ## Why it matters
    /// Partner Center and Microsoft's `ConnectorPackageValidator.ps1` take a `.zip` ("The file
    /// … provided is not a zip file") and extract every level; a level that cannot be extracted
    /// fails the submission before review. Limits on what is read keep a hostile package (a
    /// zip bomb) from exhausting the machine that checks it.
    ///
    /// ## Example
    /// `Contoso.package` (a zip without the extension), or `PkgAssets/ContosoFlow.zip` that
    /// was truncated by an interrupted upload.
    ///
    /// ## Fix
    /// Name the package `*.zip`; re-export the solutions and rebuild the package zip with
    /// the Package Deployer tooling.
    pub PackageUnreadable {
        code: "PZ001",
        name: "package-unreadable",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PackageUnreadable {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        let path = cx.connector().path();
        if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
            let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
            report_outer(
                cx,
                format!(
                    "The file '{name}' provided is not a zip file: a certification package is a .zip archive"
                ),
            )
            .set_help("rename the package so that its name ends in .zip");
        }
        for zip in p.archives().filter(|z| z.error.is_some()) {
            let why = zip.error.as_deref().unwrap_or_default();
            cx.report_file(&zip.path, format!("'{}' cannot be read: {why}", zip.name()))
                .set_help("rebuild the archive; re-export the solution if it is a solution zip");
        }
        for u in &p.unread {
            cx.report_file(&u.path, format!("'{}' {}", u.path, u.reason)).set_help(
                "rebuild the package from the exported solutions; nothing else belongs in it",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{FLOW_SOLUTION, PackageFixture};
    use switchboard_model::Connector;

    #[test]
    fn a_good_package_passes() {
        assert!(check(&PackageUnreadable, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn a_broken_solution_zip_fails() {
        let c = PackageFixture::new().set(FLOW_SOLUTION, b"PK\x03\x04 truncated".to_vec()).build();
        let d = check(&PackageUnreadable, &c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            &*d[0].location.file,
            "package.zip!/Taskforge.pdpkg.zip!/PkgAssets/TaskforgeFlow.zip"
        );
        assert!(d[0].message.starts_with("'TaskforgeFlow.zip' cannot be read: not a readable zip"));
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn a_package_without_the_zip_extension_fails() {
        let c = Connector::load_zip_bytes("submission.pkg", PackageFixture::new().bytes())
            .expect("zip");
        let d = check(&PackageUnreadable, &c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&*d[0].location.file, "submission.pkg");
        assert!(d[0].message.starts_with("The file 'submission.pkg' provided is not a zip file"));
    }
}
