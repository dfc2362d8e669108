use super::common::readable;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package, checks that each solution zip holds the folders its
    /// customizations.xml announces: a non-empty `<Connector>` needs `Connector/`, a non-empty
    /// `<Workflows>` needs `Workflows/`, a non-empty `<aicopilot_aiplugin>` needs `aiplugins/`
    /// and `aipluginoperations/`.
    ///
    /// ## Why it matters
    /// The components' files live in those folders; a solution whose manifest names components
    /// it does not carry fails to import (policy 5000.1.1.14, 5000.1.1.16, 5000.1.1.17).
    /// Microsoft's package validator: "The folders should match the customization.xml file."
    ///
    /// ## Example
    /// A flow solution whose `Workflows/` folder was deleted from the zip.
    ///
    /// ## Fix
    /// Export the solution again; never remove folders from an exported solution.
    pub SolutionComponentFolders {
        code: "PZ006",
        name: "solution-component-folders",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for SolutionComponentFolders {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        for s in readable(p) {
            let Some(c) = &s.customizations else { continue };
            let needs = [
                (c.connector.as_ref(), "Connector", &["Connector"][..]),
                (c.workflows.as_ref(), "Workflows", &["Workflows"][..]),
                (
                    c.ai_plugin.as_ref(),
                    "aicopilot_aiplugin",
                    &["aiplugins", "aipluginoperations"][..],
                ),
            ];
            for (element, node, folders) in needs {
                let Some(element) = element.filter(|e| e.non_empty) else { continue };
                let missing: Vec<&str> =
                    folders.iter().copied().filter(|f| !s.zip.has_folder(f)).collect();
                if missing.is_empty() {
                    continue;
                }
                cx.report_in(
                    &c.file.file,
                    None,
                    element.span,
                    format!(
                        "customizations.xml has a <{node}> node, but the solution zip file '{}' has no '{}' folder",
                        s.zip.name(),
                        missing.join("', '")
                    ),
                )
                .set_help("the folders must match customizations.xml: export the solution again");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{FLOW_FILE, FLOW_SOLUTION, PackageFixture};

    #[test]
    fn a_good_package_passes() {
        assert!(check(&SolutionComponentFolders, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn a_missing_workflows_folder_fails_at_the_node() {
        let mut f = PackageFixture::new();
        f.remove(&format!("{FLOW_SOLUTION}!/{FLOW_FILE}"));
        let d = check(&SolutionComponentFolders, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].location.file.ends_with("TaskforgeFlow.zip!/customizations.xml"));
        assert_eq!((d[0].location.line, d[0].location.column), (5, 3));
        assert_eq!(
            d[0].message,
            "customizations.xml has a <Workflows> node, but the solution zip file 'TaskforgeFlow.zip' has no 'Workflows' folder"
        );
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn an_ai_plugin_needs_both_folders() {
        let mut f = PackageFixture::new();
        f.replace(
            &format!("{FLOW_SOLUTION}!/customizations.xml"),
            "<Templates />",
            "<aicopilot_aiplugins><aicopilot_aiplugin name=\"x\" /></aicopilot_aiplugins>",
        )
        .set(&format!("{FLOW_SOLUTION}!/aiplugins/x.json"), b"{}".to_vec());
        let d = check(&SolutionComponentFolders, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.ends_with("has no 'aipluginoperations' folder"), "{}", d[0].message);
    }
}
