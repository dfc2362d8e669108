use super::common::{is_operations, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that readme.md has a `Supported Operations` heading (also accepted: headings that
    /// start with `Operations`, `Actions`, `Supported Actions`, `Available Actions`, `Supported
    /// Triggers and Actions`).
    ///
    /// ## Why it matters
    /// The template asks for every action and trigger with a short description; it is the
    /// only list of operations a reader sees on GitHub. Required for independent publishers
    /// (error), a warning otherwise.
    ///
    /// ## Example
    /// A readme with `## Supported Triggers` only, or with the operations described in prose
    /// under the title. Expected:
    /// ```markdown
    /// ## Supported Operations
    /// ### Get a task
    /// Returns the task with the given identifier.
    /// ```
    ///
    /// ## Fix
    /// Add `## Supported Operations` with a `### <summary>` entry and a sentence for each operation.
    pub ReadmeOperationsMissing {
        code: "RM003",
        name: "readme-operations-missing",
        group: Readme,
        levels: Levels::ip_else(Severity::Error, Severity::Warning),
    }
}

impl Check for ReadmeOperationsMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        require_section(
            cx,
            readme,
            is_operations,
            "Supported Operations",
            "add `## Supported Operations` with a `### <summary>` entry and a sentence for each operation",
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
        assert!(check(&ReadmeOperationsMissing, &Fixture::new().build()).is_empty());
        for heading in ["## Supported Operations", "## Actions", "### Available actions"] {
            let text = format!("# Taskforge\n\n{heading}\n\nSome text.\n");
            assert!(check(&ReadmeOperationsMissing, &readme(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "# Taskforge\n\nTaskforge plans work.\n\n```\n## Supported Operations\n```\n";
        let d = check(&ReadmeOperationsMissing, &readme(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "readme.md has no 'Supported Operations' section");
        assert!(d[0].location.file.ends_with("readme.md"));
        assert_eq!((d[0].location.line, d[0].location.pointer.as_str()), (1, ""));
        assert_eq!(d[0].severity, Severity::Warning);
        let ip = check_with(&ReadmeOperationsMissing, &readme(text), Profile::IndependentPublisher);
        assert_eq!(ip[0].severity, Severity::Error);
    }
}
