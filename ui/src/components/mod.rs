//! Reusable pieces, one component per file.

pub mod balances;
pub mod busy;
pub mod connected_sites;
pub mod new_password;
pub mod secret_box;
