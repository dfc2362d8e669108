use super::common::{is_known_issues, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that readme.md has a `Known Issues and Limitations` heading (also accepted:
    /// `Known issues`, `Limitations`, any heading mentioning either).
    ///
    /// ## Why it matters
    /// The template requires it and the certification guidance asks publishers to state
    /// limitations up front ("tip" in the submission checklist). Required for independent
    /// publishers (error), a warning otherwise.
    ///
    /// ## Example
    /// A readme that ends with `## FAQ` and never states limitations. Expected:
    /// ```markdown
    /// ## Known Issues and Limitations
    /// Attachments are not supported yet.
    /// ```
    ///
    /// ## Fix
    /// Add `## Known Issues and Limitations`; write "None" if there are none.
    pub ReadmeKnownIssuesMissing {
        code: "RM005",
        name: "readme-known-issues-missing",
        group: Readme,
        levels: Levels::ip_else(Severity::Error, Severity::Warning),
    }
}

impl Check for ReadmeKnownIssuesMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        require_section(
            cx,
            readme,
            is_known_issues,
            "Known Issues and Limitations",
            "add `## Known Issues and Limitations`; write \"None\" if there are none",
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
        assert!(check(&ReadmeKnownIssuesMissing, &Fixture::new().build()).is_empty());
        for heading in ["## Known issues", "## Limitations", "## KNOWN ISSUES AND LIMITATIONS"] {
            let text = format!("# Taskforge\n\n{heading}\n\nSome text.\n");
            assert!(check(&ReadmeKnownIssuesMissing, &readme(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text =
            "# Taskforge\n\nTaskforge plans work.\n\n```\n## Known Issues and Limitations\n```\n";
        let d = check(&ReadmeKnownIssuesMissing, &readme(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "readme.md has no 'Known Issues and Limitations' section");
        assert!(d[0].location.file.ends_with("readme.md"));
        assert_eq!((d[0].location.line, d[0].location.pointer.as_str()), (1, ""));
        assert_eq!(d[0].severity, Severity::Warning);
        let ip =
            check_with(&ReadmeKnownIssuesMissing, &readme(text), Profile::IndependentPublisher);
        assert_eq!(ip[0].severity, Severity::Error);
    }
}
