//! intro.md (catalog §7, IN000–IN007).

mod intro_common_errors_missing;
mod intro_credentials_missing;
mod intro_description;
mod intro_faq_missing;
mod intro_get_started_missing;
mod intro_known_issues_missing;
mod intro_lists_operations;
mod intro_prerequisites_missing;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &intro_description::IntroDescription,
    &intro_prerequisites_missing::IntroPrerequisitesMissing,
    &intro_credentials_missing::IntroCredentialsMissing,
    &intro_get_started_missing::IntroGetStartedMissing,
    &intro_known_issues_missing::IntroKnownIssuesMissing,
    &intro_common_errors_missing::IntroCommonErrorsMissing,
    &intro_faq_missing::IntroFaqMissing,
    &intro_lists_operations::IntroListsOperations,
];
