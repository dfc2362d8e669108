use super::common::readable;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The files every exported solution has at its root.
const REQUIRED: [&str; 3] = ["[Content_Types].xml", "customizations.xml", "solution.xml"];

declare_rule! {
    /// ## What it does
    /// For a certification package, checks that every solution zip has `[Content_Types].xml`,
    /// `customizations.xml` and `solution.xml` at its root, and that the two XML files Switchboard
    /// reads (customizations.xml, solution.xml) are well-formed.
    ///
    /// ## Why it matters
    /// These files describe the solution to Dataverse: without them, or with a broken one, the
    /// solution cannot be imported (policy 5000.1.1.10). Microsoft's package validator: "These
    /// files are by default present in an exported solution and should not be manually
    /// modified/removed."
    ///
    /// ## Example
    /// A solution zip rebuilt by hand from an extracted export, without `[Content_Types].xml`.
    ///
    /// ## Fix
    /// Export the solution again from the environment and use the zip as exported.
    pub SolutionManifestFiles {
        code: "PZ005",
        name: "solution-manifest-files",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for SolutionManifestFiles {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        for s in readable(p) {
            let missing: Vec<&str> =
                REQUIRED.iter().copied().filter(|f| !s.zip.has_file(f)).collect();
            if !missing.is_empty() {
                let parent = s.zip.path.rsplit_once('/').map_or("", |(d, _)| d);
                cx.report_file(
                    &s.zip.path,
                    format!(
                        "The solution zip file '{}' in '{parent}' should contain three files namely '[Content_Types].xml', 'customizations.xml', 'solution.xml': '{}' missing",
                        s.zip.name(),
                        missing.join("', '")
                    ),
                )
                .set_help("these files are present in every exported solution: export the solution again rather than editing the zip");
            }
            let xml = [
                s.customizations.as_ref().map(|c| (&c.file, &c.error)),
                s.manifest.as_ref().map(|m| (&m.file, &m.error)),
            ];
            for (file, error) in xml.into_iter().flatten() {
                let Some(e) = error else { continue };
                let name = file.entry.rsplit('/').next().unwrap_or_default();
                cx.report_in(
                    &file.file,
                    None,
                    e.span,
                    format!("{name} is not well-formed XML: {}", e.message),
                )
                .set_help("export the solution again; Dataverse cannot import a broken manifest");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{CONNECTOR_SOLUTION, FLOW_SOLUTION, PackageFixture};

    #[test]
    fn a_good_package_passes() {
        assert!(check(&SolutionManifestFiles, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn a_missing_file_fails() {
        let mut f = PackageFixture::new();
        f.remove(&format!("{CONNECTOR_SOLUTION}!/[Content_Types].xml"));
        let d = check(&SolutionManifestFiles, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            &*d[0].location.file,
            "package.zip!/Taskforge.pdpkg.zip!/PkgAssets/TaskforgeConnector.zip"
        );
        assert_eq!(
            d[0].message,
            "The solution zip file 'TaskforgeConnector.zip' in 'Taskforge.pdpkg.zip!/PkgAssets' should contain three files namely '[Content_Types].xml', 'customizations.xml', 'solution.xml': '[Content_Types].xml' missing"
        );
    }

    #[test]
    fn broken_xml_fails_with_a_position() {
        let mut f = PackageFixture::new();
        f.replace(&format!("{FLOW_SOLUTION}!/solution.xml"), "</Managed>", "</Manged>");
        let d = check(&SolutionManifestFiles, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].location.file.ends_with("TaskforgeFlow.zip!/solution.xml"));
        assert_eq!(d[0].location.line, 6);
        assert!(
            d[0].message.starts_with("solution.xml is not well-formed XML: "),
            "{}",
            d[0].message
        );
    }
}
