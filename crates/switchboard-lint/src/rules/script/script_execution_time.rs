use std::sync::LazyLock;

use regex::bytes::Regex;

use super::common::{CSharp, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// `Thread.Sleep(n)` / `Task.Delay(n)` with a literal: call (1), milliseconds (2), or a
/// `TimeSpan.FromX(n)` unit (3) and amount (4).
static WAIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b((?:System\.Threading\.)?(?:Thread\.Sleep|Tasks\.Task\.Delay|Task\.Delay))\s*\(\s*(?:([0-9][0-9_]*)|TimeSpan\s*\.\s*From(Milliseconds|Seconds|Minutes|Hours)\s*\(\s*([0-9][0-9_]*(?:\.[0-9]+)?)\s*\))\s*[,)]",
    )
    .expect("valid regex")
});

/// A class deriving from `ScriptBase`.
static SCRIPT_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bclass\s+(\w+)\s*:\s*(?:[\w.]+\.)?ScriptBase\b").expect("valid regex")
});

/// The execution budget of custom code, in milliseconds.
const BUDGET_MS: f64 = 5000.0;

declare_rule! {
    /// ## What it does
    /// Flags what obviously breaks the custom-code limits that can be seen in the code: a
    /// `Thread.Sleep` or `Task.Delay` of 5 seconds or more (a literal number of milliseconds or
    /// `TimeSpan.FromSeconds(…)` and friends), and more than one class deriving from
    /// `ScriptBase`.
    ///
    /// ## Why it matters
    /// Custom code must finish within 5 seconds or the call fails, and only one Script class is
    /// supported per connector. Real execution time cannot be measured offline, so this only
    /// catches the obvious cases.
    ///
    /// ## Example
    /// ```csharp
    /// await Task.Delay(10000); // wait for the export to finish
    /// ```
    ///
    /// ## Fix
    /// Let the API do the waiting (an asynchronous pattern with `202 Accepted` and a `Location`
    /// header, or a polling trigger) instead of sleeping in the script; keep one Script class.
    pub ScriptExecutionTime {
        code: "CS008",
        name: "script-execution-time",
        group: Script,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for ScriptExecutionTime {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(script) = cx.connector().script.as_ref() else { return };
        let code = CSharp::lex(script.file.bytes());
        for c in WAIT.captures_iter(&code.masked) {
            let (Some(call), Some(whole)) = (c.get(1), c.get(0)) else { continue };
            let number = |m: Option<regex::bytes::Match<'_>>| {
                m.and_then(|m| {
                    let digits: String = String::from_utf8_lossy(m.as_bytes())
                        .chars()
                        .filter(|&c| c != '_')
                        .collect();
                    digits.parse::<f64>().ok()
                })
            };
            let ms = match (number(c.get(2)), c.get(3).map(|u| u.as_bytes()), number(c.get(4))) {
                (Some(ms), _, _) => ms,
                (None, Some(b"Milliseconds"), Some(n)) => n,
                (None, Some(b"Seconds"), Some(n)) => n * 1000.0,
                (None, Some(b"Minutes"), Some(n)) => n * 60_000.0,
                (None, Some(b"Hours"), Some(n)) => n * 3_600_000.0,
                _ => continue,
            };
            if ms < BUDGET_MS {
                continue;
            }
            let name = String::from_utf8_lossy(call.as_bytes()).into_owned();
            cx.report_in(
                &script.file,
                None,
                span(call.start(), whole.end()),
                format!("{name} waits {} s, but custom code must finish within 5 seconds", ms / 1000.0),
            )
            .set_help("let the API do the waiting (202 Accepted with a Location header, or a polling trigger)");
        }
        let classes: Vec<_> =
            SCRIPT_CLASS.captures_iter(&code.masked).filter_map(|c| c.get(1)).collect();
        for extra in classes.iter().skip(1) {
            cx.report_in(
                &script.file,
                None,
                span(extra.start(), extra.end()),
                "Only one Script class is supported: this is a second class deriving from ScriptBase",
            )
            .set_help("merge the code into the one Script class");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn script(code: &str) -> Vec<switchboard_diagnostics::Diagnostic> {
        check(
            &ScriptExecutionTime,
            &Fixture::new().set("script.csx", code.as_bytes().to_vec()).build(),
        )
    }

    #[test]
    fn short_waits_pass() {
        assert!(check(&ScriptExecutionTime, &Fixture::new().build()).is_empty());
        let code = "class Script : ScriptBase {\n await Task.Delay(4999);\n Thread.Sleep(TimeSpan.FromSeconds(2));\n Task.Delay(delay);\n // Task.Delay(60000);\n}";
        assert!(script(code).is_empty());
    }

    #[test]
    fn long_waits_and_second_class_fail() {
        let code = "class Script : ScriptBase {\n await Task.Delay(10_000, this.CancellationToken);\n System.Threading.Thread.Sleep(TimeSpan.FromMinutes(1));\n}\nclass Other : ScriptBase {}\n";
        let d = script(code);
        let found: Vec<(u32, u32, &str)> =
            d.iter().map(|d| (d.location.line, d.location.column, d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (2, 8, "Task.Delay waits 10 s, but custom code must finish within 5 seconds"),
                (
                    3,
                    2,
                    "System.Threading.Thread.Sleep waits 60 s, but custom code must finish within 5 seconds"
                ),
                (
                    5,
                    7,
                    "Only one Script class is supported: this is a second class deriving from ScriptBase"
                ),
            ]
        );
        assert_eq!(d[0].severity, Severity::Info);
    }
}
