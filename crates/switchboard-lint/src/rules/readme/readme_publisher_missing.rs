use super::common::{is_publisher, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that readme.md has a `Publisher` heading (`## Publisher: <name>`), matched
    /// case-insensitively anywhere in any heading.
    ///
    /// ## Why it matters
    /// Both readme templates start with the publisher; reviewers compare it with
    /// `apiProperties.publisher`, and for independent publishers it is the person or company the
    /// connector is published under. Required for independent publishers (error), recommended
    /// otherwise: 338 of 611 certified readmes predate the template and lack it.
    ///
    /// ## Example
    /// A readme that names the publisher only in a sentence (`Taskforge is published by
    /// Taskforge Inc.`) and has no heading for it. Expected:
    /// ```markdown
    /// ## Publisher: Taskforge Inc.
    /// ```
    ///
    /// ## Fix
    /// Add `## Publisher: <name>` under the title, with the name in apiProperties.json `publisher`.
    pub ReadmePublisherMissing {
        code: "RM001",
        name: "readme-publisher-missing",
        group: Readme,
        levels: Levels::ip_else(Severity::Error, Severity::Warning),
    }
}

impl Check for ReadmePublisherMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        require_section(
            cx,
            readme,
            is_publisher,
            "Publisher",
            "add `## Publisher: <name>` under the title, with the name in apiProperties.json `publisher`",
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
        assert!(check(&ReadmePublisherMissing, &Fixture::new().build()).is_empty());
        for heading in ["## Publisher: Taskforge Inc.", "### PUBLISHER", "##Publisher: X"] {
            let text = format!("# Taskforge\n\n{heading}\n\nSome text.\n");
            assert!(check(&ReadmePublisherMissing, &readme(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "# Taskforge\n\nTaskforge plans work.\n\n```\n## Publisher\n```\n";
        let d = check(&ReadmePublisherMissing, &readme(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "readme.md has no 'Publisher' section");
        assert!(d[0].location.file.ends_with("readme.md"));
        assert_eq!((d[0].location.line, d[0].location.pointer.as_str()), (1, ""));
        assert_eq!(d[0].severity, Severity::Warning);
        let ip = check_with(&ReadmePublisherMissing, &readme(text), Profile::IndependentPublisher);
        assert_eq!(ip[0].severity, Severity::Error);
    }

    #[test]
    fn zipped_folder_is_reported_under_its_full_name() {
        let c = crate::rules::archive::common::zip_connector(&[
            ("Taskforge/apiDefinition.swagger.json", b"{}"),
            ("Taskforge/readme.md", b"# Taskforge\n"),
        ]);
        let d = check(&ReadmePublisherMissing, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(&*d[0].location.file, "test.zip!/Taskforge/readme.md");
    }
}
