//! Reusable pieces, one component per file.

pub mod busy;
pub mod decoded_call;
pub mod fee_picker;
pub mod family_select;
pub mod new_password;
pub mod risk_warnings;
pub mod secret_box;
