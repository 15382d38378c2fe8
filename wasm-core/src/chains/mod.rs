//! Chain families. Pure encoding lives here; RPC and broadcast live outside.

pub mod evm;
pub mod neo;
