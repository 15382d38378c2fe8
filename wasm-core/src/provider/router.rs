//! The router table: every method Formica answers, and how its params are read.
//!
//! An exhaustive enum rather than string reflection: adding a method means adding a variant,
//! its name, its file under `methods/`, and the compiler points at every place to update.

use serde_json::Value;

use super::methods::{self, Call};
use super::{Context, Params};
use crate::api::ProviderError;

/// A method Formica supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `eth_chainId` (EIP-695).
    EthChainId,
    /// `net_version`.
    NetVersion,
}

impl Method {
    /// Every method with its wire name.
    pub const ALL: &'static [(&'static str, Self)] = &[
        ("eth_chainId", Self::EthChainId),
        ("net_version", Self::NetVersion),
    ];

    /// The method with this exact (case-sensitive) name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }

    /// The wire name.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, m)| *m == self).map_or("", |(n, _)| n)
    }

    /// Checks the params and turns them into a typed call.
    ///
    /// # Errors
    /// -32602 when the params do not fit the method.
    pub(super) fn validate(self, params: &Params) -> Result<Call, ProviderError> {
        match self {
            Self::EthChainId => methods::eth_chain_id::validate(params),
            Self::NetVersion => methods::net_version::validate(params),
        }
    }
}

impl Call {
    /// Runs the handler.
    pub(super) fn run(self, ctx: &Context) -> Value {
        match self {
            Call::EthChainId => methods::eth_chain_id::handle(ctx.chain_id),
            Call::NetVersion => methods::net_version::handle(ctx.chain_id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (name, method) in Method::ALL {
            assert_eq!(Method::from_name(name), Some(*method));
            assert_eq!(method.name(), *name);
        }
    }
}
