//! Reusable pieces, one component per file.

pub mod busy;
pub mod family_select;
pub mod new_password;
pub mod secret_box;
