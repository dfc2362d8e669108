use super::common::readable;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package, checks that every solution was exported unmanaged:
    /// `solution.xml` has `<Managed>0</Managed>`.
    ///
    /// ## Why it matters
    /// The certification team imports the solutions into its own environments and edits the
    /// connector there; a managed export cannot be changed after import and is sent back.
    ///
    /// ## Example
    /// ```xml
    /// <SolutionManifest><Managed>1</Managed></SolutionManifest>
    /// ```
    ///
    /// ## Fix
    /// Export the solution again and choose "Unmanaged" in the export dialog (`pac solution
    /// export --managed false`).
    pub SolutionManaged {
        code: "PZ010",
        name: "solution-managed",
        group: Submission,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for SolutionManaged {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        for s in readable(p) {
            let Some(m) = &s.manifest else { continue };
            if m.error.is_some() {
                continue; // PZ005 reports the broken file.
            }
            match &m.managed {
                Some(t) if t.text == "0" => {}
                Some(t) => {
                    cx.report_in(
                        &m.file.file,
                        None,
                        t.span,
                        format!(
                            "the solution '{}' is a managed export (<Managed>{}</Managed>): certification takes unmanaged solutions",
                            s.zip.name(),
                            t.text
                        ),
                    )
                    .set_help("export the solution again as unmanaged");
                }
                None => {
                    cx.report_file(
                        &m.file.entry,
                        format!(
                            "solution.xml of '{}' has no <Managed> element: it does not say the export is unmanaged",
                            s.zip.name()
                        ),
                    )
                    .set_help("export the solution again as unmanaged");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{CONNECTOR_SOLUTION, PackageFixture};

    #[test]
    fn a_good_package_passes() {
        assert!(check(&SolutionManaged, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn a_managed_export_fails_at_the_value() {
        let mut f = PackageFixture::new();
        f.replace(&format!("{CONNECTOR_SOLUTION}!/solution.xml"), "<Managed>0<", "<Managed>1<");
        let d = check(&SolutionManaged, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].location.file.ends_with("TaskforgeConnector.zip!/solution.xml"));
        assert_eq!((d[0].location.line, d[0].location.column), (6, 14));
        assert_eq!(
            d[0].message,
            "the solution 'TaskforgeConnector.zip' is a managed export (<Managed>1</Managed>): certification takes unmanaged solutions"
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
