use super::common::readable;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package, checks that every workflow file a solution's
    /// customizations.xml references (`<JsonFileName>/Workflows/…json</JsonFileName>`) is in
    /// the solution zip.
    ///
    /// ## Why it matters
    /// Dataverse imports each flow from its JSON file; a missing file fails the import of the
    /// flow solution (policy 5000.1.1.15).
    ///
    /// ## Example
    /// customizations.xml naming `/Workflows/Sample-8F3B….json` in a zip whose `Workflows/`
    /// holds a renamed copy.
    ///
    /// ## Fix
    /// Export the solution again instead of editing the zip's workflow files.
    pub WorkflowFileMissing {
        code: "PZ008",
        name: "workflow-file-missing",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for WorkflowFileMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        for s in readable(p) {
            let Some(c) = &s.customizations else { continue };
            for name in &c.json_file_names {
                let path = name.text.replace('\\', "/");
                let path = path.trim_start_matches('/');
                if path.is_empty() || s.zip.has_file(path) {
                    continue;
                }
                cx.report_in(
                    &c.file.file,
                    None,
                    name.span,
                    format!(
                        "the workflow file '{}' referenced in customizations.xml is not in the solution zip file '{}'",
                        name.text,
                        s.zip.name()
                    ),
                )
                .set_help("export the solution again so that the flows and their files match");
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
        assert!(check(&WorkflowFileMissing, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn a_renamed_workflow_file_fails_at_its_reference() {
        let mut f = PackageFixture::new();
        let bytes = crate::test_support::package::flow_json();
        f.remove(&format!("{FLOW_SOLUTION}!/{FLOW_FILE}"))
            .set(&format!("{FLOW_SOLUTION}!/Workflows/Sample.json"), bytes);
        let d = check(&WorkflowFileMissing, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].location.file.ends_with("TaskforgeFlow.zip!/customizations.xml"));
        assert_eq!((d[0].location.line, d[0].location.column), (7, 21));
        assert_eq!(
            d[0].message,
            format!(
                "the workflow file '/{FLOW_FILE}' referenced in customizations.xml is not in the solution zip file 'TaskforgeFlow.zip'"
            )
        );
        assert_eq!(d[0].severity, Severity::Error);
    }
}
