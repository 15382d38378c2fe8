//! One component per route.

pub mod approval;
pub mod create;
pub mod home;
pub mod import;
pub mod networks;
pub mod neo_home;
pub mod onboarding;
pub mod settings;
pub mod unlock;
