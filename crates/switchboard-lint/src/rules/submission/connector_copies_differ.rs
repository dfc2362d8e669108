use switchboard_model::connector::package::Solution;
use switchboard_model::json::{JsonFile, Object, Value};

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package, compares the connector in the connector solution with the
    /// copy every other solution carries (the flow solution exports the connector too): same
    /// title, host, number of paths and policy template instances. A difference means one of
    /// them was exported before the connector's last change.
    ///
    /// The catalog's check compares the package with the connector's GitHub artifacts; those
    /// are not in the package, so `validate PACKAGE.zip` compares the copies inside it.
    /// Validate the artifacts folder as well to check it.
    ///
    /// ## Why it matters
    /// Certification deploys the connector solution and tests the flows against it; a stale
    /// export is reviewed and published in place of the connector you meant to submit.
    ///
    /// ## Example
    /// The connector solution exported on Monday, the flow solution on Friday after a new
    /// operation was added: 12 paths in one, 13 in the other.
    ///
    /// ## Fix
    /// Export both solutions again from the same, current environment.
    pub ConnectorCopiesDiffer {
        code: "PZ011",
        name: "connector-copies-differ",
        group: Submission,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ConnectorCopiesDiffer {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        let Some(primary) = p.primary.map(|i| &p.solutions[i]) else { return };
        let Some(base) = cx.connector().swagger.as_ref().and_then(|f| facts(&f.file, primary))
        else {
            return;
        };
        for (i, s) in p.solutions.iter().enumerate() {
            if Some(i) == p.primary {
                continue;
            }
            let Some(copy) = s.connector.definition.as_ref() else { continue };
            let Some(other) = facts(&copy.file, s) else { continue };
            let mut diffs = Vec::new();
            if base.title != other.title {
                diffs.push(format!("title {} here, {} there", show(other.title), show(base.title)));
            }
            if base.host != other.host {
                diffs.push(format!("host {} here, {} there", show(other.host), show(base.host)));
            }
            if base.paths != other.paths {
                diffs.push(format!("{} paths here, {} there", other.paths, base.paths));
            }
            if base.policies != other.policies {
                diffs.push("other policy template instances".to_string());
            }
            if diffs.is_empty() {
                continue;
            }
            let span = copy.file.root().map(|r| r.span).unwrap_or_default();
            cx.report_in(
                &copy.file.source,
                copy.file.root(),
                span,
                format!(
                    "the connector in '{}' differs from the one in '{}': {}; one of them is a stale export",
                    s.zip.name(),
                    primary.zip.name(),
                    diffs.join("; ")
                ),
            )
            .set_help("export both solutions again from the same environment");
        }
    }
}

struct Facts<'a> {
    title: Option<&'a str>,
    host: Option<&'a str>,
    paths: usize,
    /// The policy template instances, as plain JSON (`None`: no readable file).
    policies: Option<serde_json::Value>,
}

fn facts<'a>(definition: &'a JsonFile, s: &Solution) -> Option<Facts<'a>> {
    let root = definition.root()?;
    let policies = s
        .connector
        .policy_templates
        .as_ref()
        .and_then(|f| f.file.root())
        .map(serde_json::Value::from);
    Some(Facts {
        title: root.get("info").and_then(|i| i.get_str("title")),
        host: root.get_str("host"),
        paths: root.get("paths").and_then(Value::as_object).map_or(0, Object::len),
        policies,
    })
}

fn show(v: Option<&str>) -> String {
    v.map_or_else(|| "(none)".to_string(), |s| format!("'{s}'"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{FLOW_SOLUTION, NAME, PackageFixture};

    #[test]
    fn a_good_package_passes() {
        assert!(check(&ConnectorCopiesDiffer, &PackageFixture::new().build()).is_empty());
    }

    #[test]
    fn a_stale_copy_fails() {
        let mut f = PackageFixture::new();
        f.replace(
            &format!("{FLOW_SOLUTION}!/Connector/{NAME}_openapidefinition.json"),
            "api.taskforge.io",
            "staging.taskforge.io",
        )
        .set(
            &format!("{FLOW_SOLUTION}!/Connector/{NAME}_policytemplateinstances.json"),
            r#"[{"templateId": "setheader", "title": "x", "parameters": {}}]"#,
        );
        let d = check(&ConnectorCopiesDiffer, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].location
                .file
                .ends_with("TaskforgeFlow.zip!/Connector/tf_5Ftaskforge_openapidefinition.json")
        );
        assert_eq!(
            d[0].message,
            "the connector in 'TaskforgeFlow.zip' differs from the one in 'TaskforgeConnector.zip': host 'staging.taskforge.io' here, 'api.taskforge.io' there; other policy template instances; one of them is a stale export"
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
