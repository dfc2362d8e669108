use std::sync::LazyLock;

use regex::bytes::Regex;

use super::common::{CSharp, span};
use crate::rules::readme::common::report_whole;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// `ExecuteAsync()` returning `Task<HttpResponseMessage>`: modifiers (1), the name (2).
static EXECUTE_ASYNC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"((?:\b(?:public|protected|internal|private|override|async|virtual|sealed|new|static|unsafe)\s+)*)(?:[\w.]+\.)?Task\s*<\s*(?:[\w.]+\.)?HttpResponseMessage\s*>\s+(ExecuteAsync)\s*\(\s*\)",
    )
    .expect("valid regex")
});

/// Any declaration of a method named `ExecuteAsync` (a parameter list followed by a body).
static ANY_EXECUTE_ASYNC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(ExecuteAsync)\s*\([^()]*\)\s*(?:\{|=>)").expect("valid regex")
});

/// The signature the runtime calls.
const SIGNATURE: &str = "public override Task<HttpResponseMessage> ExecuteAsync()";

declare_rule! {
    /// ## What it does
    /// Checks that script.csx overrides `public override Task<HttpResponseMessage>
    /// ExecuteAsync()` (`async` and spaces inside `Task < … >` are fine; comments and strings
    /// are ignored).
    ///
    /// ## Why it matters
    /// "Your code needs to implement a method called ExecuteAsync, which is called during
    /// runtime": without the override (or with another signature) the script does not compile
    /// against `ScriptBase`, and the upload fails.
    ///
    /// ## Example
    /// ```csharp
    /// public class Script : ScriptBase
    /// {
    ///     public async Task<HttpResponseMessage> Execute() { ... }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Declare `public override async Task<HttpResponseMessage> ExecuteAsync()` and call the
    /// rest of the code from it.
    pub ScriptExecuteAsyncMissing {
        code: "CS003",
        name: "script-execute-async-missing",
        group: Script,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ScriptExecuteAsyncMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(script) = cx.connector().script.as_ref() else { return };
        let code = CSharp::lex(script.file.bytes());
        if let Some(found) = EXECUTE_ASYNC.captures(&code.masked) {
            let (Some(modifiers), Some(name)) = (found.get(1), found.get(2)) else { return };
            let words: Vec<&[u8]> = modifiers.as_bytes().split(u8::is_ascii_whitespace).collect();
            if words.contains(&b"public".as_slice()) && words.contains(&b"override".as_slice()) {
                return;
            }
            cx.report_in(
                &script.file,
                None,
                span(name.start(), name.end()),
                format!("ExecuteAsync must be declared `{SIGNATURE}`"),
            )
            .set_help("add the missing `public` and `override` modifiers");
            return;
        }
        if let Some(name) = ANY_EXECUTE_ASYNC.captures(&code.masked).and_then(|c| c.get(1)) {
            cx.report_in(
                &script.file,
                None,
                span(name.start(), name.end()),
                format!("ExecuteAsync must have the signature `{SIGNATURE}`"),
            )
            .set_help("take no parameters and return Task<HttpResponseMessage>");
            return;
        }
        report_whole(cx, script, "Your code needs to implement a method called ExecuteAsync")
            .set_help(format!("add `{SIGNATURE}` to class Script"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn script(code: &str) -> Vec<switchboard_diagnostics::Diagnostic> {
        check(
            &ScriptExecuteAsyncMissing,
            &Fixture::new().set("script.csx", code.as_bytes().to_vec()).build(),
        )
    }

    #[test]
    fn override_passes() {
        assert!(check(&ScriptExecuteAsyncMissing, &Fixture::new().build()).is_empty());
        assert!(
            script("public override async Task < HttpResponseMessage > ExecuteAsync() {}")
                .is_empty()
        );
        assert!(script("override public System.Threading.Tasks.Task<HttpResponseMessage> ExecuteAsync( ) => x;").is_empty());
    }

    #[test]
    fn missing_modifier_or_signature_fails_at_the_name() {
        let d =
            script("class Script {\n  public async Task<HttpResponseMessage> ExecuteAsync() {}\n}");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].location.line, d[0].location.column), (2, 42));
        assert_eq!(d[0].message, format!("ExecuteAsync must be declared `{SIGNATURE}`"));
        let d = script("public override Task<string> ExecuteAsync(int x) { }");
        assert_eq!(d[0].message, format!("ExecuteAsync must have the signature `{SIGNATURE}`"));
    }

    #[test]
    fn no_method_fails_at_the_file() {
        let d = script("public class Script : ScriptBase { /* ExecuteAsync() {} */ }");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "Your code needs to implement a method called ExecuteAsync");
        assert_eq!(d[0].severity, Severity::Error);
    }
}
