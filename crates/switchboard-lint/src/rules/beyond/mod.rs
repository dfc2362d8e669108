//! Checks beyond Microsoft's (catalog §11, BX001–BX026; BX027 is Switchboard's own).

mod api_key_in_query;
mod common;
mod duplicate_input_label;
mod duplicate_operation_summary;
mod enum_default_not_in_enum;
mod example_type_mismatch;
mod misspelled_extension;
mod non_canonical_layout;
mod operation_id_verb_mismatch;
mod output_property_undocumented;
mod pageable_without_next_link;
mod parameter_type_inconsistent;
mod path_repeats_base_path;
mod placeholder_host;
mod policy_path_unknown;
mod readme_auth_undocumented;
mod script_operation_not_runnable;
mod secret_in_example;
mod trigger_summary_not_when;
mod unused_definition;
mod unused_shared_parameter;
mod unused_shared_response;
mod url_in_description;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &unused_definition::UnusedDefinition,
    &unused_shared_parameter::UnusedSharedParameter,
    &unused_shared_response::UnusedSharedResponse,
    &example_type_mismatch::ExampleTypeMismatch,
    &output_property_undocumented::OutputPropertyUndocumented,
    &path_repeats_base_path::PathRepeatsBasePath,
    &parameter_type_inconsistent::ParameterTypeInconsistent,
    &enum_default_not_in_enum::EnumDefaultNotInEnum,
    &misspelled_extension::MisspelledExtension,
    &duplicate_operation_summary::DuplicateOperationSummary,
    &trigger_summary_not_when::TriggerSummaryNotWhen,
    &duplicate_input_label::DuplicateInputLabel,
    &url_in_description::UrlInDescription,
    &api_key_in_query::ApiKeyInQuery,
    &secret_in_example::SecretInExample,
    &placeholder_host::PlaceholderHost,
    &operation_id_verb_mismatch::OperationIdVerbMismatch,
    &policy_path_unknown::PolicyPathUnknown,
    &pageable_without_next_link::PageableWithoutNextLink,
    &non_canonical_layout::NonCanonicalLayout,
    &readme_auth_undocumented::ReadmeAuthUndocumented,
    &script_operation_not_runnable::ScriptOperationNotRunnable,
];
