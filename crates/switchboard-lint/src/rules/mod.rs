//! The rule registry: one folder per catalog group, one file per rule.

use std::sync::LazyLock;

use crate::Rule;

pub mod archive;
pub mod beyond;
pub mod extensions;
pub mod icon;
pub mod info;
pub mod intro;
pub mod json;
pub mod operations;
pub mod package;
pub mod parameters;
pub mod paths;
pub mod properties;
pub mod readme;
pub mod responses;
pub mod schemas;
pub mod script;
pub mod security;
pub mod strings;
pub mod submission;

/// Catalog ids that are not rules because nothing Switchboard reads can show them, each with
/// the reason (`switchboard rule CODE` prints it).
pub fn not_checked() -> &'static [(&'static str, &'static str)] {
    submission::NOT_CHECKED
}

/// Every rule, sorted by code.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
        let groups: &[&[&'static dyn Rule]] = &[
            archive::RULES,
            beyond::RULES,
            extensions::RULES,
            icon::RULES,
            info::RULES,
            intro::RULES,
            json::RULES,
            operations::RULES,
            package::RULES,
            parameters::RULES,
            paths::RULES,
            properties::RULES,
            readme::RULES,
            responses::RULES,
            schemas::RULES,
            script::RULES,
            security::RULES,
            strings::RULES,
            submission::RULES,
        ];
        let mut rules: Vec<&'static dyn Rule> =
            groups.iter().flat_map(|g| g.iter().copied()).collect();
        rules.sort_by_key(|r| r.meta().code);
        rules
    });
    &ALL
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::all;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in all() {
            let m = rule.meta();
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(
                m.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                m.name
            );
            let docs = m.docs();
            for section in ["## What it does", "## Why it matters", "## Example", "## Fix"] {
                assert!(docs.contains(section), "{} docs lack `{section}`", m.code);
            }
        }
    }
}
