use switchboard_model::connector::SCRIPT_FILE;

use crate::{Check, Context, Levels, Severity, declare_rule};

/// The limit on custom code: 1 MB.
const MAX_BYTES: u64 = 1_048_576;

declare_rule! {
    /// ## What it does
    /// Checks that `script.csx` is at most 1 MB (1,048,576 bytes).
    ///
    /// ## Why it matters
    /// "Custom code must be less than 1 MB in total": the portal and `paconn` refuse to upload
    /// a larger script, so the connector cannot be created or updated.
    ///
    /// ## Example
    /// A `script.csx` of 1.2 MB with an embedded lookup table or a base64 image.
    ///
    /// ## Fix
    /// Move data out of the code (into the API or a policy), and remove unused helpers.
    pub ScriptTooLarge {
        code: "CS001",
        name: "script-too-large",
        group: Script,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ScriptTooLarge {
    fn check(&self, cx: &mut Context<'_>) {
        let c = cx.connector();
        let (entry, size) = match c.script.as_ref() {
            Some(s) => (s.entry.as_str(), s.file.bytes().len() as u64),
            // Too large to be read at all: the listing still has its size.
            None => {
                let prefix = c.nested_root.as_ref().map(|r| format!("{r}/")).unwrap_or_default();
                let Some(e) = c.entries.iter().find(|e| {
                    !e.is_dir
                        && e.path
                            .strip_prefix(prefix.as_str())
                            .is_some_and(|p| p.eq_ignore_ascii_case(SCRIPT_FILE))
                }) else {
                    return;
                };
                (e.path.strip_prefix(prefix.as_str()).unwrap_or(&e.path), e.size)
            }
        };
        if size > MAX_BYTES {
            let entry = entry.to_string();
            cx.report_file(
                &entry,
                format!("Custom code must be less than 1 MB in total: script.csx has {size} bytes"),
            )
            .set_help("move data out of the script and remove unused code");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn one_megabyte_passes() {
        assert!(check(&ScriptTooLarge, &Fixture::new().build()).is_empty());
        let c = Fixture::new().set("script.csx", vec![b' '; 1_048_576]).build();
        assert!(check(&ScriptTooLarge, &c).is_empty());
    }

    #[test]
    fn larger_fails_at_the_file() {
        let c = Fixture::new().set("script.csx", vec![b' '; 1_048_577]).build();
        let d = check(&ScriptTooLarge, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "Custom code must be less than 1 MB in total: script.csx has 1048577 bytes"
        );
        assert!(d[0].location.file.ends_with("script.csx"));
        assert_eq!(d[0].severity, Severity::Error);
    }
}
