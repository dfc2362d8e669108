use super::common::{CSharp, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the braces of script.csx balance once comments, strings and character
    /// literals are set aside, and that the file does not end inside a comment or a string.
    ///
    /// ## Why it matters
    /// Unbalanced braces almost always mean a truncated file (a bad copy, a merge that cut the
    /// end off) or a stray edit; the script then fails to compile when the connector is
    /// uploaded, and every operation routed through it fails.
    ///
    /// ## Example
    /// ```csharp
    /// public class Script : ScriptBase
    /// {
    ///     public override Task<HttpResponseMessage> ExecuteAsync()
    ///     {
    ///         return this.Context.SendAsync(this.Context.Request, this.CancellationToken);
    ///     }
    /// ```
    ///
    /// ## Fix
    /// Restore the missing part of the file (compare with version control) or remove the
    /// stray brace.
    pub ScriptUnbalancedBraces {
        code: "CS006",
        name: "script-unbalanced-braces",
        group: Script,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ScriptUnbalancedBraces {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(script) = cx.connector().script.as_ref() else { return };
        let code = CSharp::lex(script.file.bytes());
        if let Some(open) = code.unterminated {
            cx.report_in(
                &script.file,
                None,
                span(open.start, open.start + 1),
                format!(
                    "script.csx ends inside a {} that starts here; the file may be truncated",
                    open.kind
                ),
            )
            .set_help("close the comment or string, or restore the end of the file");
            return;
        }
        let mut stack: Vec<usize> = Vec::new();
        for (i, &b) in code.masked.iter().enumerate() {
            match b {
                b'{' => stack.push(i),
                b'}' if stack.pop().is_none() => {
                    cx.report_in(
                        &script.file,
                        None,
                        span(i, i + 1),
                        "this '}' has no matching '{'",
                    )
                    .set_help("remove the stray brace or restore the code that opened the block");
                    return;
                }
                _ => {}
            }
        }
        if let Some(&first) = stack.first() {
            let open = stack.len();
            cx.report_in(
                &script.file,
                None,
                span(first, first + 1),
                format!(
                    "this '{{' is never closed ({open} unclosed in all); the file may be truncated"
                ),
            )
            .set_help("restore the end of the file or add the missing closing braces");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn script(code: &str) -> Vec<switchboard_diagnostics::Diagnostic> {
        check(
            &ScriptUnbalancedBraces,
            &Fixture::new().set("script.csx", code.as_bytes().to_vec()).build(),
        )
    }

    #[test]
    fn balanced_code_passes() {
        assert!(check(&ScriptUnbalancedBraces, &Fixture::new().build()).is_empty());
        assert!(
            script("class A {\n  // }\n  var s = \"{\"; var c = '}'; var i = $\"{x} {{\";\n}\n")
                .is_empty()
        );
    }

    #[test]
    fn truncated_file_fails_at_the_unclosed_brace() {
        let d = script("class A\n{\n  void M() {\n  }\n");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].location.line, d[0].location.column), (2, 1));
        assert_eq!(
            d[0].message,
            "this '{' is never closed (1 unclosed in all); the file may be truncated"
        );
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn stray_brace_and_open_comment_fail() {
        let d = script("class A { }\n}\n");
        assert_eq!(
            (d[0].location.line, d[0].message.as_str()),
            (2, "this '}' has no matching '{'")
        );
        let d = script("class A {\n/* cut here");
        assert_eq!(
            d[0].message,
            "script.csx ends inside a comment that starts here; the file may be truncated"
        );
        assert_eq!(d[0].location.line, 2);
    }
}
