//! readme.md (catalog §6, RM001–RM013).

pub(crate) mod common;
mod readme_credentials_missing;
mod readme_deployment_missing;
mod readme_known_issues_missing;
mod readme_oauth_redirect_url;
mod readme_old_product_name;
mod readme_operation_not_mentioned;
mod readme_operations_missing;
mod readme_prerequisites_missing;
mod readme_publisher_mismatch;
mod readme_publisher_missing;
mod readme_template_placeholder;
mod readme_title_heading;
mod readme_too_short;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &readme_publisher_missing::ReadmePublisherMissing,
    &readme_prerequisites_missing::ReadmePrerequisitesMissing,
    &readme_operations_missing::ReadmeOperationsMissing,
    &readme_credentials_missing::ReadmeCredentialsMissing,
    &readme_known_issues_missing::ReadmeKnownIssuesMissing,
    &readme_deployment_missing::ReadmeDeploymentMissing,
    &readme_title_heading::ReadmeTitleHeading,
    &readme_too_short::ReadmeTooShort,
    &readme_template_placeholder::ReadmeTemplatePlaceholder,
    &readme_publisher_mismatch::ReadmePublisherMismatch,
    &readme_operation_not_mentioned::ReadmeOperationNotMentioned,
    &readme_oauth_redirect_url::ReadmeOauthRedirectUrl,
    &readme_old_product_name::ReadmeOldProductName,
];
