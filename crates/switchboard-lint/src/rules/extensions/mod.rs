//! `x-ms-*` extensions: dynamic values, webhooks, paging (catalog §2.7, SW158–SW169).

pub(crate) mod common;
mod dynamic_extension_misplaced;
mod dynamic_operation_not_found;
mod dynamic_parameter_mismatch;
mod dynamic_path_not_in_response;
mod file_picker_without_dynamic_tree;
mod next_link_name_invalid;
mod notification_extension_misplaced;
mod notification_url_invalid;
mod tag_redefined;
mod trigger_hint_missing;
mod webhook_missing_notification_url;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &notification_extension_misplaced::NotificationExtensionMisplaced,
    &file_picker_without_dynamic_tree::FilePickerWithoutDynamicTree,
    &next_link_name_invalid::NextLinkNameInvalid,
    &dynamic_operation_not_found::DynamicOperationNotFound,
    &dynamic_parameter_mismatch::DynamicParameterMismatch,
    &webhook_missing_notification_url::WebhookMissingNotificationUrl,
    &notification_url_invalid::NotificationUrlInvalid,
    &trigger_hint_missing::TriggerHintMissing,
    &tag_redefined::TagRedefined,
    &dynamic_path_not_in_response::DynamicPathNotInResponse,
    &dynamic_extension_misplaced::DynamicExtensionMisplaced,
];
