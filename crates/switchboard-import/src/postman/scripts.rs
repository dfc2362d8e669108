//! Pre-request and test scripts: not carried over, reported once per distinct script (a
//! collection often repeats the same script in every request).

use switchboard_diagnostics::Severity;
use switchboard_model::json::Value;

use super::report::{Loss, Report};

struct Script<'a> {
    /// `prerequest` or `test`.
    listen: String,
    /// The code, lines joined.
    code: String,
    /// The first `script` node with this code.
    node: &'a Value,
    /// Whose script the first is ("the request 'List tasks'").
    whose: String,
    /// How many times this code appears.
    count: usize,
}

/// The scripts of the imported requests, their folders and the collection.
#[derive(Default)]
pub(crate) struct Scripts<'a> {
    scripts: Vec<Script<'a>>,
}

impl<'a> Scripts<'a> {
    /// Records the scripts of an `event` list; `whose` names its owner in messages.
    pub(crate) fn add(&mut self, events: Option<&'a Value>, whose: impl Fn() -> String) {
        for event in events.into_iter().flat_map(Value::items) {
            let Some(script) = event.get("script") else { continue };
            let code = match script.get("exec") {
                Some(e) if e.as_array().is_some() => {
                    e.items().filter_map(Value::as_str).collect::<Vec<_>>().join("\n")
                }
                Some(e) => e.as_str().unwrap_or_default().to_string(),
                None => String::new(),
            };
            if code.trim().is_empty() {
                continue;
            }
            let listen = event.get_str("listen").unwrap_or_default().to_string();
            match self.scripts.iter_mut().find(|s| s.listen == listen && s.code == code) {
                Some(s) => s.count += 1,
                None => self.scripts.push(Script {
                    listen,
                    code,
                    node: script,
                    whose: whose(),
                    count: 1,
                }),
            }
        }
    }

    /// Reports each distinct script once, at its first occurrence.
    pub(crate) fn report(self, report: &mut Report<'_>) {
        for s in self.scripts {
            let kind = match s.listen.as_str() {
                "prerequest" => "pre-request script",
                "test" => "test script",
                _ => "script",
            };
            let also = match s.count {
                1 => String::new(),
                n => format!(
                    " (and the same code in {} more place{})",
                    n - 1,
                    if n == 2 { "" } else { "s" }
                ),
            };
            let d = report.add(
                Loss::Script,
                s.node,
                format!(
                    "the {kind} of {}{also} is not carried over: connectors do not run Postman scripts",
                    s.whose
                ),
            );
            if s.listen == "test" {
                // Tests check responses or keep values for later requests; flows do that
                // with their own steps, so nothing the request needs is missing.
                d.severity = Severity::Info;
                d.set_help("flows check responses and pass values between steps themselves");
            } else {
                d.set_help("if it computes a header, a signature or a variable the request needs, a policy template or custom code (script.csx) can do the same");
            }
        }
    }
}
