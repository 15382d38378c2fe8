//! One component per route.

pub mod activity;
pub mod approval;
pub mod create;
pub mod home;
pub mod import;
pub mod neo_home;
pub mod neo_multisig;
pub mod networks;
pub mod onboarding;
pub mod send;
pub mod settings;
pub mod unlock;
