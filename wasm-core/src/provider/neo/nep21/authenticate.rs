//! `authenticate(challenge)` — NEP-20: connects if needed, asks, then answers `{algorithm,
//! network, pubkey, address, nonce, timestamp, signature}` (signature in base64; nonce and
//! timestamp echo the challenge's).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::api::ApprovalKind;
use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoErrorKind, NeoHost};

/// NEP-20 `authenticate`: signs `network (u32 LE) ‖ nonce (u64 LE) ‖ timestamp (u32 LE) ‖
/// script hash (wire order)` with SHA-256/ECDSA-P256 after the user approves. The response's
/// timestamp is the challenge's.
///
/// Spec: neo-project/proposals `authentication-scheme.mediawiki` (NEP-20).
pub(super) async fn handle(
    challenge: Option<&Value>,
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let challenge = challenge
        .filter(|c| c.is_object())
        .ok_or_else(|| NeoError::malformed("authenticate takes a challenge object"))?;
    if challenge.get("action").and_then(Value::as_str) != Some("Authentication")
        || challenge.get("grant_type").and_then(Value::as_str) != Some("Signature")
    {
        return Err(NeoError::malformed(
            "the challenge must be action Authentication, grant_type Signature",
        ));
    }
    let algorithms = challenge.get("allowed_algorithms").and_then(Value::as_array);
    if !algorithms.is_some_and(|a| a.iter().any(|x| x.as_str() == Some("ECDSA-P256"))) {
        return Err(NeoError::new(
            NeoErrorKind::Unsupported,
            "Formica signs with ECDSA-P256 only",
        ));
    }
    let nonce_text = match challenge.get("nonce") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(NeoError::malformed("nonce must be a 64-bit integer")),
    };
    let nonce: u64 = nonce_text
        .parse()
        .map_err(|_| NeoError::malformed("nonce must be a 64-bit integer"))?;
    let timestamp = challenge
        .get("timestamp")
        .and_then(Value::as_u64)
        .and_then(|t| u32::try_from(t).ok())
        .ok_or_else(|| NeoError::malformed("timestamp must be a 32-bit Unix time"))?;
    let network = host.network().magic;
    let networks = challenge.get("networks").and_then(Value::as_array);
    if !networks.is_some_and(|n| n.iter().any(|x| x.as_u64() == Some(u64::from(network)))) {
        return Err(NeoError::new(
            NeoErrorKind::ChainNotMatch,
            format!("the challenge does not accept the wallet's network {network}"),
        ));
    }
    let account = host.connect(origin).await?;
    host.approve(
        origin,
        ApprovalKind::NeoSignMessage {
            address: account.address.to_string(),
            message: format!("Sign in to {origin} (nonce {nonce_text}, time {timestamp})"),
            format: "NEP-20 authenticate".into(),
        },
    )
    .await?;
    let mut data = Vec::with_capacity(36);
    data.extend_from_slice(&network.to_le_bytes());
    data.extend_from_slice(&nonce.to_le_bytes());
    data.extend_from_slice(&timestamp.to_le_bytes());
    data.extend_from_slice(account.address.script_hash().wire_bytes());
    let digest: [u8; 32] = Sha256::digest(&data).into();
    let (key, signature) = host.sign(origin, &digest)?;
    Ok(json!({
        "algorithm": "ECDSA-P256",
        "network": network,
        "pubkey": key.to_string(),
        "address": account.address.to_string(),
        "nonce": nonce_text,
        "timestamp": timestamp,
        "signature": STANDARD.encode(signature.as_bytes()),
    }))
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use serde_json::json;

    use crate::provider::neo::fake::{ADDRESS_A, FakeNeoHost, MAGIC};
    use crate::provider::neo::test_support::nep21;

    #[test]
    fn nep21_authenticate_signs_the_nep20_data() {
        let host = FakeNeoHost::new();
        let challenge = json!({"action": "Authentication", "grant_type": "Signature",
            "allowed_algorithms": ["ECDSA-P256"], "networks": [MAGIC], "nonce": "18446744073709551615",
            "timestamp": 1_700_000_000});
        let out = nep21(&host, "authenticate", json!([challenge])).unwrap();
        assert_eq!(out["network"], MAGIC);
        assert_eq!(out["address"], ADDRESS_A);
        let mut data = MAGIC.to_le_bytes().to_vec();
        data.extend_from_slice(&u64::MAX.to_le_bytes());
        data.extend_from_slice(&1_700_000_000_u32.to_le_bytes());
        // The script hash in wire order: 0xa7cb…eb26 reversed.
        data.extend_from_slice(&hex::decode("26eba6592ddfb6b04426048cd5891ff0e3fecba7").unwrap());
        let key: crate::chains::neo::PublicKey = out["pubkey"].as_str().unwrap().parse().unwrap();
        let signature = crate::chains::neo::Signature::from_slice(
            &STANDARD.decode(out["signature"].as_str().unwrap()).unwrap(),
        )
        .unwrap();
        assert!(key.verify(&data, &signature));
        let mut wrong = challenge.clone();
        wrong["networks"] = json!([860833102]);
        let Err(e) = nep21(&host, "authenticate", json!([wrong])) else {
            panic!()
        };
        assert_eq!(e["type"], "INVALID");
        let mut wrong = challenge;
        wrong["nonce"] = json!("x");
        let Err(e) = nep21(&host, "authenticate", json!([wrong])) else {
            panic!()
        };
        assert_eq!(e["type"], "INVALID");
    }
}
