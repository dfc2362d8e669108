use switchboard_model::connector::package::{Package, Solution, SolutionKind};

use super::common::{assets_folder, readable};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package, classifies the solutions by their customizations.xml, as
    /// Microsoft's package validator does, and checks that there is a connector solution
    /// (a connector and nothing else), a flow solution (the connector and flows) and, when a
    /// solution holds an AI plugin, a plugin solution (the connector and the plugin). A flow
    /// solution must use the connector: one of its workflow files names the connector (its
    /// `<name>`, `<connectorinternalid>` or `<connectorid>` from customizations.xml, as a flow's
    /// connection reference does).
    ///
    /// ## Why it matters
    /// Certification deploys the connector solution and runs the sample flows against it
    /// (policies 5000.1.1.6–5000.1.1.8): "Connector solution … should only contain 'Connector'
    /// folder", "Flow solution … should contain both 'Connector' and 'Workflows' folders".
    ///
    /// ## Example
    /// Both solutions exported from the same solution, so each holds the connector and the
    /// flows; or a flow solution whose flows use another connector.
    ///
    /// ## Fix
    /// Keep two solutions: one with only the custom connector, one with the connector and a
    /// flow that uses each of its operations you want tested; export both unmanaged.
    pub SolutionClassification {
        code: "PZ007",
        name: "solution-classification",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for SolutionClassification {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        if readable(p).next().is_none() {
            return; // No solution to classify: PZ001, PZ003 or PZ004 says why.
        }
        let Some(at) = location(p) else { return };
        let has = |kind| readable(p).any(|s| s.kind() == kind);
        let mut wanted = vec![
            (
                SolutionKind::Connector,
                "Connector solution in '{at}' is invalid. Connector solution should only contain 'Connector' folder",
                "export a solution holding only the custom connector",
            ),
            (
                SolutionKind::Flow,
                "Flow solution in '{at}' is invalid. Flow solution should contain both 'Connector' and 'Workflows' folders",
                "export a solution holding the connector and a flow that uses it",
            ),
        ];
        if p.has_ai_plugin() {
            wanted.push((SolutionKind::Plugin, "Plugin solution in '{at}' is invalid. Plugin solution should contain 'Connector', 'aiplugins' and 'aipluginoperations' folders", "export a solution holding the connector and the AI plugin"));
        }
        for (kind, message, help) in wanted {
            if !has(kind) {
                let shown = at.trim_end_matches('/');
                cx.report_file(&at, message.replace("{at}", shown)).set_help(help);
            }
        }
        for s in readable(p).filter(|s| s.kind() == SolutionKind::Flow) {
            flow_uses_connector(cx, p, s);
        }
    }
}

/// Where package-level findings go: the solutions' folder, else the package zip.
fn location(p: &Package) -> Option<String> {
    match assets_folder(p) {
        Some((zip, folder)) => Some(zip.entry(&folder)),
        None => p.package_zip.as_ref().map(|z| z.path.clone()),
    }
}

fn flow_uses_connector(cx: &mut Context<'_>, p: &Package, s: &Solution) {
    let Some(c) = &s.customizations else { return };
    let Some(connector) = &c.connector else { return };
    let ids: Vec<String> = ["name", "connectorinternalid", "connectorid"]
        .iter()
        .filter_map(|n| connector.child(n))
        .map(|t| t.text.to_ascii_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    // Only a verdict on complete evidence: every workflow file read, and something to look for.
    let all_read = !p.unread.iter().any(|u| u.path.starts_with(&s.zip.path));
    if ids.is_empty() || s.workflows.is_empty() || !all_read {
        return;
    }
    let used = s.workflows.iter().any(|w| {
        let text = w.file.text_lossy().to_ascii_lowercase();
        ids.iter().any(|id| text.contains(id.as_str()))
    });
    if used {
        return;
    }
    let name = connector.child("name").map_or("", |t| t.text.as_str());
    let span = c.workflows.as_ref().map_or(connector.span, |w| w.span);
    cx.report_in(
        &c.file.file,
        None,
        span,
        format!(
            "no flow in the flow solution '{}' uses the connector '{name}': the flow solution must hold a flow that uses the connector",
            s.zip.name()
        ),
    )
    .set_help("add a flow that calls the connector's operations to the solution and export it again");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{
        CONNECTOR_SOLUTION, FLOW_FILE, FLOW_SOLUTION, NAME, PackageFixture, workflow_xml,
    };

    #[test]
    fn a_good_package_passes() {
        assert!(check(&SolutionClassification, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn a_connector_solution_with_flows_fails() {
        let mut f = PackageFixture::new();
        f.replace(
            &format!("{CONNECTOR_SOLUTION}!/customizations.xml"),
            "<Workflows></Workflows>",
            &format!("<Workflows>{}</Workflows>", workflow_xml()),
        );
        let d = check(&SolutionClassification, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&*d[0].location.file, "package.zip!/Taskforge.pdpkg.zip!/PkgAssets/");
        assert_eq!(
            d[0].message,
            "Connector solution in 'Taskforge.pdpkg.zip!/PkgAssets' is invalid. Connector solution should only contain 'Connector' folder"
        );
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn a_flow_that_does_not_use_the_connector_fails() {
        let mut f = PackageFixture::new();
        f.replace(&format!("{FLOW_SOLUTION}!/{FLOW_FILE}"), NAME, "shared_office365");
        let d = check(&SolutionClassification, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].location.file.ends_with("TaskforgeFlow.zip!/customizations.xml"));
        assert_eq!(
            d[0].message,
            "no flow in the flow solution 'TaskforgeFlow.zip' uses the connector 'tf_5Ftaskforge': the flow solution must hold a flow that uses the connector"
        );
    }
}
