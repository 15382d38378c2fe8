//! Reusable pieces, one component per file.

pub mod busy;
pub mod new_password;
pub mod secret_box;
