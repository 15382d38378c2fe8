//! `sign(context)` — the context with the connected account's signature (for itself or a
//! multisig account holding its key), after the transaction approval.

use serde_json::Value;

use super::require;
use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost, tx};

pub(super) async fn handle(
    context: Option<&Value>,
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let context = tx::parse_context(context)?;
    let account = require(origin, host).await?;
    tx::sign_context(origin, host, &account, context).await
}
