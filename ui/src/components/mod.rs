//! Reusable pieces, one component per file.

pub mod balances;
pub mod busy;
pub mod connected_sites;
pub mod decoded_call;
pub mod family_select;
pub mod fee_picker;
pub mod icons;
pub mod neo_calls;
pub mod new_password;
pub mod refresh;
pub mod risk_warnings;
pub mod secret_box;
