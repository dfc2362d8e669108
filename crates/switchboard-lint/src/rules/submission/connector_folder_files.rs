use switchboard_model::connector::package::{Package, Solution, suffix};

use super::common::readable;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The files every exported connector has, and what they are.
const EXPECTED: [(&str, &str); 4] = [
    (suffix::DEFINITION, "definition"),
    (suffix::CONNECTION_PARAMETERS, "connection parameters"),
    (suffix::POLICY_TEMPLATES, "policy template instances"),
    (suffix::ICON, "icon"),
];

declare_rule! {
    /// ## What it does
    /// For a certification package, checks each solution's `Connector/` folder: it holds
    /// `*_openapidefinition.json`, `*_connectionparameters.json`,
    /// `*_policytemplateinstances.json` and `*_iconblob.Png`; every other `/Connector/…` file
    /// customizations.xml names (the custom code, `*_customcodeblobcontent.csx`) is there; the
    /// connection parameters and policy templates parse as JSON.
    ///
    /// The connector solution's definition, icon and custom code are validated as the
    /// connector's own files: every swagger, icon and script rule runs on them, and their
    /// findings name the nested path (`package.zip!/x.pdpkg.zip!/PkgAssets/sol.zip!/Connector/
    /// x_openapidefinition.json:12:5`). The intro rules run on the package's intro.md.
    /// apiProperties.json rules do not run: a solution holds no faithful equivalent (publisher
    /// and stackOwner are not exported).
    ///
    /// ## Why it matters
    /// These are the deployment artifacts (policy 5000.1.1.10): Partner Center deploys the
    /// connector from them, not from the GitHub files. A missing or broken file is a connector
    /// that cannot be deployed as reviewed.
    ///
    /// ## Example
    /// A connector solution exported before the connector's policies were saved, without
    /// `*_policytemplateinstances.json`.
    ///
    /// ## Fix
    /// Save the connector in the environment (`paconn update` or the portal), then export the
    /// solution again.
    pub ConnectorFolderFiles {
        code: "PZ009",
        name: "connector-folder-files",
        group: Submission,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ConnectorFolderFiles {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        for s in readable(p) {
            let Some(c) = &s.customizations else { continue };
            if !c.has_connector() || !s.zip.has_folder("Connector") {
                continue; // PZ006 / PZ007 report a missing connector or folder.
            }
            let names: Vec<String> =
                s.zip.files_in("Connector/").map(|(_, n)| n.to_ascii_lowercase()).collect();
            let folder = folder_entry(s);
            for (suffix, what) in EXPECTED {
                // A package without any definition or icon is PZ013's finding.
                let package_wide = (suffix == suffix::DEFINITION || suffix == suffix::ICON)
                    && !anywhere(p, suffix);
                if package_wide || names.iter().any(|n| n.ends_with(suffix)) {
                    continue;
                }
                cx.report_file(
                    &folder,
                    format!(
                        "the Connector folder of '{}' has no *{suffix} file (the connector's {what})",
                        s.zip.name()
                    ),
                )
                .set_help("save the connector in the environment and export the solution again");
            }
            // Other files customizations.xml names under /Connector/ (the custom code).
            let Some(element) = &c.connector else { continue };
            for (_, text) in &element.children {
                let Some(path) = text.text.strip_prefix('/') else { continue };
                let lower = path.to_ascii_lowercase();
                let standard = EXPECTED.iter().any(|(suffix, _)| lower.ends_with(suffix));
                if standard || !lower.starts_with("connector/") || s.zip.has_file(path) {
                    continue;
                }
                cx.report_in(
                    &c.file.file,
                    None,
                    text.span,
                    format!(
                        "customizations.xml names '{}', which is not in the solution zip file '{}'",
                        text.text,
                        s.zip.name()
                    ),
                )
                .set_help("export the solution again so that the connector's files are all in it");
            }
            for file in [&s.connector.connection_parameters, &s.connector.policy_templates]
                .into_iter()
                .flatten()
            {
                let Some(fatal) = file.file.parsed.issues.iter().find(|i| i.is_fatal()) else {
                    continue;
                };
                let name = file.entry.rsplit('/').next().unwrap_or_default();
                cx.report_in(
                    &file.file.source,
                    None,
                    fatal.span,
                    format!("'{name}' is not valid JSON: {}", fatal.message()),
                )
                .set_help("export the solution again; the connector cannot be deployed from a broken file");
            }
        }
    }
}

/// The `Connector/` folder of a solution, as an entry name.
fn folder_entry(s: &Solution) -> String {
    let folder = s.zip.folders_in("").into_iter().find(|f| f.eq_ignore_ascii_case("Connector"));
    s.zip.entry(&format!("{}/", folder.as_deref().unwrap_or("Connector")))
}

/// Whether some solution's `Connector/` folder has a file ending in `suffix`.
pub(crate) fn anywhere(p: &Package, suffix: &str) -> bool {
    p.solutions.iter().any(|s| {
        s.zip.files_in("Connector/").any(|(_, n)| n.to_ascii_lowercase().ends_with(suffix))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{CONNECTOR_SOLUTION, FLOW_SOLUTION, NAME, PackageFixture};
    use crate::{Linter, Profile};

    #[test]
    fn a_good_package_passes() {
        assert!(check(&ConnectorFolderFiles, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn missing_files_fail() {
        let mut f = PackageFixture::new();
        f.remove(&format!("{FLOW_SOLUTION}!/Connector/{NAME}_policytemplateinstances.json"))
            .set(&format!("{CONNECTOR_SOLUTION}!/Connector/{NAME}_connectionparameters.json"), "{")
            .replace(
                &format!("{CONNECTOR_SOLUTION}!/customizations.xml"),
                "</iconblob>",
                &format!("</iconblob>\n      <customcodeblob>/Connector/{NAME}_customcodeblobcontent.csx</customcodeblob>"),
            );
        let d = check(&ConnectorFolderFiles, &f.build());
        let found: Vec<(&str, &str)> =
            d.iter().map(|d| (&*d.location.file, d.message.as_str())).collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].0.ends_with(
            "TaskforgeConnector.zip!/Connector/tf_5Ftaskforge_connectionparameters.json"
        ));
        assert_eq!(
            found[0].1,
            "'tf_5Ftaskforge_connectionparameters.json' is not valid JSON: unexpected end of file, expected '}'"
        );
        assert!(found[1].0.ends_with("TaskforgeConnector.zip!/customizations.xml"));
        assert_eq!(
            found[1].1,
            "customizations.xml names '/Connector/tf_5Ftaskforge_customcodeblobcontent.csx', which is not in the solution zip file 'TaskforgeConnector.zip'"
        );
        assert_eq!(
            found[2],
            (
                "package.zip!/Taskforge.pdpkg.zip!/PkgAssets/TaskforgeFlow.zip!/Connector/",
                "the Connector folder of 'TaskforgeFlow.zip' has no *_policytemplateinstances.json file (the connector's policy template instances)",
            )
        );
        assert!(d.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn the_swagger_rules_run_on_the_exported_definition() {
        let mut f = PackageFixture::new();
        f.replace(
            &format!("{CONNECTOR_SOLUTION}!/Connector/{NAME}_openapidefinition.json"),
            "\"title\": \"Taskforge\"",
            "\"title\": \"Taskforge Enterprise Task Management API\"",
        );
        let d = Linter::new(Profile::Certification).lint(&f.build());
        let sw011: Vec<_> = d.iter().filter(|d| d.code == "SW011").collect();
        assert_eq!(sw011.len(), 1, "{d:#?}");
        let l = &sw011[0].location;
        assert_eq!(
            &*l.file,
            "package.zip!/Taskforge.pdpkg.zip!/PkgAssets/TaskforgeConnector.zip!/Connector/tf_5Ftaskforge_openapidefinition.json"
        );
        assert_eq!((l.line, l.pointer.as_str()), (4, "/info/title"));
    }
}
