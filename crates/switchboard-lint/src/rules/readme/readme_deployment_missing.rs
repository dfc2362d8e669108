use super::common::{is_deployment, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the readme of a certified (verified-publisher) connector has a `Deployment
    /// Instructions` heading (any heading mentioning "deploy"). Off for independent publishers,
    /// whose template makes it optional; info while authoring.
    ///
    /// ## Why it matters
    /// The certified-connector template requires instructions for deploying the connector
    /// as a custom connector (usually `paconn create`), so that customers can use it before it is
    /// published.
    ///
    /// ## Example
    /// A certified connector's readme that ends with `## Known Issues and Limitations`.
    /// Expected:
    /// ```markdown
    /// ## Deployment Instructions
    /// Run `paconn create` with the files of this folder.
    /// ```
    ///
    /// ## Fix
    /// Add `## Deployment Instructions`, e.g. how to run `paconn create` with the connector files.
    pub ReadmeDeploymentMissing {
        code: "RM006",
        name: "readme-deployment-missing",
        group: Readme,
        levels: Levels { default: Some(Severity::Info), certification: Some(Severity::Warning), independent: None },
    }
}

impl Check for ReadmeDeploymentMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        require_section(
            cx,
            readme,
            is_deployment,
            "Deployment Instructions",
            "add `## Deployment Instructions`, e.g. how to run `paconn create` with the connector files",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check, check_with};

    fn readme(text: &str) -> switchboard_model::Connector {
        Fixture::new().set("readme.md", text.as_bytes().to_vec()).build()
    }

    #[test]
    fn template_and_tolerant_headings_pass() {
        assert!(check(&ReadmeDeploymentMissing, &Fixture::new().build()).is_empty());
        for heading in
            ["## Deployment Instructions", "## Deploying the connector", "### Deployment"]
        {
            let text = format!("# Taskforge\n\n{heading}\n\nSome text.\n");
            assert!(check(&ReadmeDeploymentMissing, &readme(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "# Taskforge\n\nTaskforge plans work.\n\n```\n## Deployment Instructions\n```\n";
        let d = check(&ReadmeDeploymentMissing, &readme(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "readme.md has no 'Deployment Instructions' section");
        assert!(d[0].location.file.ends_with("readme.md"));
        assert_eq!((d[0].location.line, d[0].location.pointer.as_str()), (1, ""));
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            check_with(&ReadmeDeploymentMissing, &readme(text), Profile::Default)[0].severity,
            Severity::Info
        );
        assert!(
            check_with(&ReadmeDeploymentMissing, &readme(text), Profile::IndependentPublisher)
                .is_empty()
        );
    }
}
