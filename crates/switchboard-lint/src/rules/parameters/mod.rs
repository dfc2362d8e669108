//! Parameters (catalog §2.5, SW100–SW125, SW141, SW150, SW151).

mod allow_empty_value_location;
mod body_in_get;
mod body_parameter_schema;
mod body_parameter_summary_missing;
mod collection_format_invalid;
mod common;
mod connection_id_parameter;
mod default_type_mismatch;
mod duplicate_parameter;
mod file_parameter_not_form_data;
mod form_data_name_not_ascii;
mod form_urlencoded_binary;
mod internal_default_not_required;
mod internal_parameter_description_missing;
mod internal_parameter_summary_missing;
mod internal_required_without_default;
mod mime_type_unsupported;
mod multiple_body_parameters;
mod non_body_parameter_schema;
mod parameter_description_missing;
mod parameter_location_invalid;
mod parameter_summary_missing;
mod parameter_summary_too_long;
mod path_parameter_encoding_missing;
mod path_parameter_not_in_template;
mod path_parameter_not_required;
mod path_variable_undeclared;
mod query_parameter_encoding;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &allow_empty_value_location::AllowEmptyValueLocation,
    &body_in_get::BodyInGet,
    &body_parameter_schema::BodyParameterSchema,
    &body_parameter_summary_missing::BodyParameterSummaryMissing,
    &collection_format_invalid::CollectionFormatInvalid,
    &connection_id_parameter::ConnectionIdParameter,
    &default_type_mismatch::DefaultTypeMismatch,
    &duplicate_parameter::DuplicateParameter,
    &file_parameter_not_form_data::FileParameterNotFormData,
    &form_data_name_not_ascii::FormDataNameNotAscii,
    &form_urlencoded_binary::FormUrlencodedBinary,
    &internal_default_not_required::InternalDefaultNotRequired,
    &internal_parameter_description_missing::InternalParameterDescriptionMissing,
    &internal_parameter_summary_missing::InternalParameterSummaryMissing,
    &internal_required_without_default::InternalRequiredWithoutDefault,
    &mime_type_unsupported::MimeTypeUnsupported,
    &multiple_body_parameters::MultipleBodyParameters,
    &non_body_parameter_schema::NonBodyParameterSchema,
    &parameter_description_missing::ParameterDescriptionMissing,
    &parameter_location_invalid::ParameterLocationInvalid,
    &parameter_summary_missing::ParameterSummaryMissing,
    &parameter_summary_too_long::ParameterSummaryTooLong,
    &path_parameter_encoding_missing::PathParameterEncodingMissing,
    &path_parameter_not_in_template::PathParameterNotInTemplate,
    &path_parameter_not_required::PathParameterNotRequired,
    &path_variable_undeclared::PathVariableUndeclared,
    &query_parameter_encoding::QueryParameterEncoding,
];
