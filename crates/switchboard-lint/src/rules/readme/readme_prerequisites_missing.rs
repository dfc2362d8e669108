use super::common::{is_prerequisites, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that readme.md has a `Prerequisites` heading (also accepted: `Pre-requisites`,
    /// `Pre requisites`, `Requirements`, in any case and at any level).
    ///
    /// ## Why it matters
    /// The template requires it: users need to know which plan, licence or account the
    /// connector needs before they create a connection. Required for independent publishers
    /// (error), a warning otherwise.
    ///
    /// ## Example
    /// A readme that goes from the title straight to `## Supported Operations`. Expected:
    /// ```markdown
    /// ## Prerequisites
    /// You need a Taskforge account on any plan.
    /// ```
    ///
    /// ## Fix
    /// Add `## Prerequisites` listing the plans, licences and accounts the connector needs.
    pub ReadmePrerequisitesMissing {
        code: "RM002",
        name: "readme-prerequisites-missing",
        group: Readme,
        levels: Levels::ip_else(Severity::Error, Severity::Warning),
    }
}

impl Check for ReadmePrerequisitesMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        require_section(
            cx,
            readme,
            is_prerequisites,
            "Prerequisites",
            "add `## Prerequisites` listing the plans, licences and accounts the connector needs",
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
        assert!(check(&ReadmePrerequisitesMissing, &Fixture::new().build()).is_empty());
        for heading in ["## Pre-requisites", "# prerequisites", "### Requirements"] {
            let text = format!("# Taskforge\n\n{heading}\n\nSome text.\n");
            assert!(check(&ReadmePrerequisitesMissing, &readme(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "# Taskforge\n\nTaskforge plans work.\n\n```\n## Prerequisites\n```\n";
        let d = check(&ReadmePrerequisitesMissing, &readme(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "readme.md has no 'Prerequisites' section");
        assert!(d[0].location.file.ends_with("readme.md"));
        assert_eq!((d[0].location.line, d[0].location.pointer.as_str()), (1, ""));
        assert_eq!(d[0].severity, Severity::Warning);
        let ip =
            check_with(&ReadmePrerequisitesMissing, &readme(text), Profile::IndependentPublisher);
        assert_eq!(ip[0].severity, Severity::Error);
    }
}
