use std::sync::LazyLock;

use regex::Regex;
use switchboard_diagnostics::{Edit, Fix};

use super::common::{display_file_name, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Old or misspelt product names, matched case-insensitively as whole words.
static OLD_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(microsoft\s+flow|powerapps|powerautomate|common\s+data\s+service|power\s+virtual\s+agents?)\b")
        .expect("valid regex")
});

/// Inline code spans, URLs and link targets, which are not prose.
static NOT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"`[^`]*`|\bhttps?://[^\s)>\]]*|\]\([^)]*\)|<[^>]*>").expect("valid regex")
});

/// The current name for an old one (lowercase, whitespace collapsed).
fn current_name(old: &str) -> &'static str {
    let words: Vec<String> = old.split_whitespace().map(str::to_ascii_lowercase).collect();
    match words.concat().as_str() {
        "powerapps" => "Power Apps",
        "commondataservice" => "Dataverse",
        "powervirtualagents" | "powervirtualagent" => "Copilot Studio",
        _ => "Power Automate",
    }
}

declare_rule! {
    /// ## What it does
    /// Finds Power Platform product names written the old way in readme.md: "Microsoft Flow"
    /// (now Power Automate), "PowerApps" (Power Apps), "Common Data Service" (Dataverse),
    /// "Power Virtual Agents" (Copilot Studio), and the joined spelling "PowerAutomate". Code,
    /// URLs and domain names such as `make.powerapps.com` are not prose and are skipped.
    ///
    /// ## Why it matters
    /// Reviewers ask for the current product names (PowerPlatformConnectors #140); the readme
    /// is published as the connector's documentation.
    ///
    /// ## Example
    /// ```markdown
    /// Use this connector in Microsoft Flow and PowerApps.
    /// ```
    ///
    /// ## Fix
    /// Write "Power Automate", "Power Apps", "Dataverse", "Copilot Studio" (the fix does it).
    pub ReadmeOldProductName {
        code: "RM013",
        name: "readme-old-product-name",
        group: Readme,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ReadmeOldProductName {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        let Some(scanned) = cx.texts().of(readme) else { return };
        let text = scanned.text();
        if !OLD_NAMES.is_match(text) {
            return;
        }
        let md = scanned.markdown();
        let name = display_file_name(&readme.entry);
        let mut prose = String::new();
        for line in md.lines.iter().filter(|l| !l.in_code) {
            if !OLD_NAMES.is_match(line.text) {
                continue;
            }
            // Blank out what is not prose, keeping byte offsets.
            prose.clear();
            prose.push_str(line.text);
            for m in NOT_PROSE.find_iter(line.text) {
                prose.replace_range(m.range(), &" ".repeat(m.len()));
            }
            for m in OLD_NAMES.find_iter(&prose) {
                let before = prose[..m.start()].chars().next_back();
                let after = &prose[m.end()..];
                let in_name = matches!(before, Some('.' | '/' | '@' | '-'))
                    || after.starts_with(['/', '@', '-'])
                    || (after.starts_with('.') && after[1..].starts_with(char::is_alphanumeric));
                if in_name {
                    continue;
                }
                let old = &line.text[m.range()];
                let new = current_name(old);
                let at = span(line.start + m.start(), line.start + m.end());
                cx.report_in(
                    &readme.file,
                    None,
                    at,
                    format!("{name} writes '{old}': use the current product name '{new}'"),
                )
                .set_fix(Fix {
                    message: format!("Replace '{old}' with '{new}'"),
                    edits: vec![Edit { span: at, replacement: new.to_string() }],
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn readme(text: &str) -> switchboard_model::Connector {
        Fixture::new().set("readme.md", text.as_bytes().to_vec()).build()
    }

    #[test]
    fn current_names_code_and_urls_pass() {
        assert!(check(&ReadmeOldProductName, &Fixture::new().build()).is_empty());
        let text = "# T\nUse Power Automate and Power Apps. See make.powerapps.com or \
                    [docs](https://powerapps.microsoft.com/x) and `PowerApps`.\n\
                    ```\nMicrosoft Flow\n```\nThe flow of Microsoft  Flowers.\n";
        assert!(check(&ReadmeOldProductName, &readme(text)).is_empty());
    }

    #[test]
    fn old_names_are_reported_with_a_fix() {
        let text =
            "# T\nUse it in Microsoft Flow and PowerApps.\nCommon Data Service, PowerAutomate.\n";
        let d = check(&ReadmeOldProductName, &readme(text));
        let found: Vec<(u32, u32, &str)> = d
            .iter()
            .map(|d| {
                let fix = d.fix.as_ref().map_or("", |f| f.edits[0].replacement.as_str());
                (d.location.line, d.location.column, fix)
            })
            .collect();
        assert_eq!(
            found,
            [
                (2, 11, "Power Automate"),
                (2, 30, "Power Apps"),
                (3, 1, "Dataverse"),
                (3, 22, "Power Automate")
            ]
        );
        assert_eq!(
            d[0].message,
            "readme.md writes 'Microsoft Flow': use the current product name 'Power Automate'"
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
