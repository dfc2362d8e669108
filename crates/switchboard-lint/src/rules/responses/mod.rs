//! Responses (catalog §2.4, SW090–SW099).

mod common;
mod default_response_schema;
mod empty_response_schema;
mod multiple_response_schemas;
mod operation_without_response;
mod operation_without_success_response;
mod response_code_invalid;
mod response_description_missing;
mod response_example_mime_type;
mod response_header_duplicate;
mod response_output_schema_missing;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &operation_without_response::OperationWithoutResponse,
    &response_code_invalid::ResponseCodeInvalid,
    &operation_without_success_response::OperationWithoutSuccessResponse,
    &default_response_schema::DefaultResponseSchema,
    &response_description_missing::ResponseDescriptionMissing,
    &response_output_schema_missing::ResponseOutputSchemaMissing,
    &multiple_response_schemas::MultipleResponseSchemas,
    &empty_response_schema::EmptyResponseSchema,
    &response_header_duplicate::ResponseHeaderDuplicate,
    &response_example_mime_type::ResponseExampleMimeType,
];
