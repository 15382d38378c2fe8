//! `makeTransaction(invocations, signers?, attributes?, options?)` — an unsigned
//! `ContractParametersContext` with every signer unfilled; needs a connected site, asks
//! nothing and signs nothing. Signers may be any accounts.

use serde_json::Value;

use super::{calls, require, tx_options};
use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost, tx};

pub(super) async fn handle(
    invocations: Option<&Value>,
    signers: Option<&Value>,
    third: Option<&Value>,
    fourth: Option<&Value>,
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let calls = calls(invocations)?;
    let options = tx_options(third, fourth)?;
    let account = require(origin, host).await?;
    let signers = tx::parse_any_signers(signers, &account)?;
    tx::make_context(host, &calls, signers, &options).await
}
