use switchboard_model::connector::SCRIPT_FILE;

use crate::rules::readme::common::report_whole;
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
        let help = "move data out of the script and remove unused code";
        if let Some(script) = c.script.as_ref() {
            let size = script.file.bytes().len() as u64;
            if size > MAX_BYTES {
                report_whole(cx, script, message(size)).set_help(help);
            }
            return;
        }
        // Too large to be read at all: the listing still has its size.
        let prefix = c.nested_root.as_ref().map(|r| format!("{r}/")).unwrap_or_default();
        let large = c.entries.iter().find(|e| {
            !e.is_dir
                && e.size > MAX_BYTES
                && e.path
                    .strip_prefix(prefix.as_str())
                    .is_some_and(|p| p.eq_ignore_ascii_case(SCRIPT_FILE))
        });
        if let Some(e) = large {
            cx.report_file(&e.path, message(e.size)).set_help(help);
        }
    }
}

fn message(size: u64) -> String {
    format!("Custom code must be less than 1 MB in total: script.csx has {size} bytes")
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
