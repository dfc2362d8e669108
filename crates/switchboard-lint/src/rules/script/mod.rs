//! Custom code, script.csx (catalog §5, CS001–CS009).

pub(crate) mod common;
mod script_ambiguous_formatting;
mod script_class_missing;
mod script_execute_async_missing;
mod script_execution_time;
mod script_hardcoded_secret;
mod script_http_client;
mod script_too_large;
mod script_unbalanced_braces;
mod script_unsupported_namespace;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &script_too_large::ScriptTooLarge,
    &script_class_missing::ScriptClassMissing,
    &script_execute_async_missing::ScriptExecuteAsyncMissing,
    &script_unsupported_namespace::ScriptUnsupportedNamespace,
    &script_http_client::ScriptHttpClient,
    &script_unbalanced_braces::ScriptUnbalancedBraces,
    &script_hardcoded_secret::ScriptHardcodedSecret,
    &script_execution_time::ScriptExecutionTime,
    &script_ambiguous_formatting::ScriptAmbiguousFormatting,
];
