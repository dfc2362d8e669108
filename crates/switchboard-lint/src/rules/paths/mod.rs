//! Host, schemes and paths (catalog §2.2, SW040–SW059).

mod base_path_no_leading_slash;
mod common;
mod duplicate_operation_path;
mod host_invalid;
mod host_missing;
mod host_non_production;
mod no_operations;
mod partial_duplicate_operation_path;
mod path_case_duplicate;
mod path_item_ref;
mod path_item_unknown_key;
mod path_no_leading_slash;
mod path_query_or_fragment;
mod path_template_invalid;
mod path_variable_default;
mod scheme_not_https;
mod scheme_not_supported;
mod schemes_empty;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &host_missing::HostMissing,
    &host_invalid::HostInvalid,
    &host_non_production::HostNonProduction,
    &base_path_no_leading_slash::BasePathNoLeadingSlash,
    &schemes_empty::SchemesEmpty,
    &scheme_not_https::SchemeNotHttps,
    &scheme_not_supported::SchemeNotSupported,
    &path_no_leading_slash::PathNoLeadingSlash,
    &path_query_or_fragment::PathQueryOrFragment,
    &path_case_duplicate::PathCaseDuplicate,
    &duplicate_operation_path::DuplicateOperationPath,
    &path_template_invalid::PathTemplateInvalid,
    &path_variable_default::PathVariableDefault,
    &path_item_ref::PathItemRef,
    &path_item_unknown_key::PathItemUnknownKey,
    &no_operations::NoOperations,
    &partial_duplicate_operation_path::PartialDuplicateOperationPath,
];
