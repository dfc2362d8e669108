use super::common::assets_folder;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package, checks the package zip's one folder (`PkgAssets/`): no
    /// sub-folders, and exactly two solution zips (the connector solution and the flow
    /// solution), three when a solution holds an AI plugin (`<aicopilot_aiplugin>` in its
    /// customizations.xml).
    ///
    /// ## Why it matters
    /// Partner Center expects the connector and flow solutions side by side (policy
    /// 5000.1.1.13); Microsoft's package validator stops with "The package folder 'PkgAssets'
    /// does not contain solution zip files …" or "… should contain only connector and flow
    /// solution zip files …".
    ///
    /// ## Example
    /// `PkgAssets/` holding only `ContosoConnector.zip`, or a third, unrelated solution.
    ///
    /// ## Fix
    /// Export the connector solution and the flow solution (unmanaged) and add both, and only
    /// them (plus the plugin solution for AI plugins), to the package.
    pub PackageSolutionCount {
        code: "PZ004",
        name: "package-solution-count",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PackageSolutionCount {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        let Some((zip, folder)) = assets_folder(p) else { return };
        let name = folder.trim_end_matches('/');
        let entry = zip.entry(&folder);
        for sub in zip.folders_in(&folder) {
            cx.report_file(
                &zip.entry(&format!("{folder}{sub}/")),
                format!(
                    "The package folder '{name}' should not contain any folder inside '{}': remove the folder '{sub}'",
                    zip.name()
                ),
            )
            .set_help("PkgAssets holds the solution zips and nothing else");
        }
        let solutions = zip.files_in(&folder).filter(|(_, n)| is_zip(n)).count();
        let plugin = p.has_ai_plugin();
        let expected = if plugin { 3 } else { 2 };
        if solutions == expected {
            return;
        }
        let what = if plugin { "connector, flow and AI plugin" } else { "connector and flow" };
        let message = if solutions == 0 {
            format!(
                "The package folder '{name}' does not contain solution zip files in '{}': add the {what} solution zip files",
                zip.name()
            )
        } else {
            format!(
                "The package folder '{name}' should contain exactly {expected} solution zip files ({what}), found {solutions}"
            )
        };
        cx.report_file(&entry, message).set_help(if plugin {
            "a connector with an AI plugin is submitted as connector, flow and plugin solutions"
        } else {
            "export the connector solution and the flow solution, and put only those in PkgAssets"
        });
    }
}

fn is_zip(name: &str) -> bool {
    name.len() > 4 && name.get(name.len() - 4..).is_some_and(|t| t.eq_ignore_ascii_case(".zip"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{FLOW_SOLUTION, Node, PKG, PackageFixture};

    #[test]
    fn a_good_package_passes() {
        assert!(check(&PackageSolutionCount, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn one_solution_fails() {
        let mut f = PackageFixture::new();
        f.remove(FLOW_SOLUTION);
        let d = check(&PackageSolutionCount, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&*d[0].location.file, "package.zip!/Taskforge.pdpkg.zip!/PkgAssets/");
        assert_eq!(
            d[0].message,
            "The package folder 'PkgAssets' should contain exactly 2 solution zip files (connector and flow), found 1"
        );
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn sub_folders_and_empty_folders_fail() {
        let mut f = PackageFixture::new();
        f.remove(&format!("{PKG}!/PkgAssets/"))
            .put(&format!("{PKG}!/PkgAssets/old/"), Node::Dir)
            .set(&format!("{PKG}!/PkgAssets/old/readme.txt"), b"x".to_vec());
        let d = check(&PackageSolutionCount, &f.build());
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "The package folder 'PkgAssets' does not contain solution zip files in 'Taskforge.pdpkg.zip': add the connector and flow solution zip files",
                "The package folder 'PkgAssets' should not contain any folder inside 'Taskforge.pdpkg.zip': remove the folder 'old'",
            ]
        );
    }
}
