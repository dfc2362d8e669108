use super::common::{extracted_folders, quoted_list};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package, checks that the package zip (`*.pdpkg.zip`) holds exactly
    /// one folder, conventionally `PkgAssets`, which holds the solutions. The files at its root
    /// (`[Content_Types].xml`, the Package Deployer assembly and its `.pdb`) depend on the
    /// environment and are not checked.
    ///
    /// ## Why it matters
    /// Partner Center deploys the package with Package Deployer, which reads the solutions from
    /// that folder (policy 5000.1.1.12); Microsoft's package validator stops with "The package
    /// zip file should contain a folder ideally named 'PkgAssets' …".
    ///
    /// ## Example
    /// `Contoso.pdpkg.zip` holding the two solution zips at its root, without `PkgAssets/`.
    ///
    /// ## Fix
    /// Build the package with the Package Deployer template (`pac package init`, `pac package
    /// add-solution`, `dotnet publish`), which puts the solutions under `PkgAssets/`.
    pub PackageAssetsFolder {
        code: "PZ003",
        name: "package-assets-folder",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PackageAssetsFolder {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        let Some(zip) = p.package_zip.as_ref().filter(|z| z.error.is_none()) else { return };
        let folders = extracted_folders(zip);
        let message = match folders.len() {
            1 => return,
            0 => format!(
                "The package zip file should contain a folder ideally named 'PkgAssets' inside '{}': add the folder containing the solution zip files",
                zip.name()
            ),
            n => format!(
                "The package zip file '{}' should contain exactly one folder (ideally named 'PkgAssets'), found {n}: {}",
                zip.name(),
                quoted_list(&folders)
            ),
        };
        cx.report_file(&zip.path, message)
            .set_help("the package zip holds one folder, PkgAssets/, with the solution zips");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{PKG, PackageFixture};

    #[test]
    fn a_good_package_passes() {
        assert!(check(&PackageAssetsFolder, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn no_folder_fails() {
        let mut f = PackageFixture::new();
        f.remove(&format!("{PKG}!/PkgAssets/"));
        let d = check(&PackageAssetsFolder, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&*d[0].location.file, "package.zip!/Taskforge.pdpkg.zip");
        assert!(d[0].message.starts_with("The package zip file should contain a folder ideally named 'PkgAssets' inside 'Taskforge.pdpkg.zip'"));
    }

    #[test]
    fn two_folders_fail() {
        let mut f = PackageFixture::new();
        f.set(&format!("{PKG}!/__MACOSX/PkgAssets/._x.zip"), b"x".to_vec());
        let d = check(&PackageAssetsFolder, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "The package zip file 'Taskforge.pdpkg.zip' should contain exactly one folder (ideally named 'PkgAssets'), found 2: 'PkgAssets', '__MACOSX'"
        );
    }
}
