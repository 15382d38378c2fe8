//! One component per route.

pub mod onboarding;
