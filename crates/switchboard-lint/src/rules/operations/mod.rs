//! Operations (catalog §2.3, SW060–SW081, SW167).

mod common;
mod deprecated_operation_unmarked;
mod operation_description_end_punctuation;
mod operation_description_missing;
mod operation_description_repeats_summary;
mod operation_family;
mod operation_id_case_duplicate;
mod operation_id_characters;
mod operation_id_duplicate;
mod operation_id_missing;
mod operation_id_pascal_case;
mod operation_id_too_long;
mod operation_product_name;
mod operation_status_ahead_of_connector;
mod operation_summary_characters;
mod operation_summary_end_character;
mod operation_summary_missing;
mod operation_summary_restricted_characters;
mod operation_summary_too_long;
mod operation_summary_validator_limit;
mod operation_visibility_missing;
mod replacement_annotation;
mod trigger_value;
mod visibility_value;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &operation_id_missing::OperationIdMissing,
    &operation_id_duplicate::OperationIdDuplicate,
    &operation_id_case_duplicate::OperationIdCaseDuplicate,
    &operation_id_characters::OperationIdCharacters,
    &operation_id_pascal_case::OperationIdPascalCase,
    &operation_id_too_long::OperationIdTooLong,
    &operation_summary_missing::OperationSummaryMissing,
    &operation_summary_too_long::OperationSummaryTooLong,
    &operation_summary_validator_limit::OperationSummaryValidatorLimit,
    &operation_summary_restricted_characters::OperationSummaryRestrictedCharacters,
    &operation_summary_end_character::OperationSummaryEndCharacter,
    &operation_summary_characters::OperationSummaryCharacters,
    &operation_description_missing::OperationDescriptionMissing,
    &operation_description_repeats_summary::OperationDescriptionRepeatsSummary,
    &operation_description_end_punctuation::OperationDescriptionEndPunctuation,
    &operation_product_name::OperationProductName,
    &operation_visibility_missing::OperationVisibilityMissing,
    &visibility_value::VisibilityValue,
    &trigger_value::TriggerValue,
    &deprecated_operation_unmarked::DeprecatedOperationUnmarked,
    &replacement_annotation::ReplacementAnnotation,
    &operation_family::OperationFamily,
    &operation_status_ahead_of_connector::OperationStatusAheadOfConnector,
];
