//! Token calldata: the ERC-20 calls an approval screen must explain (transfer, approve,
//! increaseAllowance), ERC-721/1155 `setApprovalForAll`, and the read calls the wallet
//! makes itself (`balanceOf`, `decimals`, `symbol`) with their return values.
//!
//! Calldata is the 4-byte selector (the first four bytes of the Keccak-256 of the function
//! signature) then one 32-byte word per static argument. Decoding follows what Solidity
//! contracts accept: extra bytes after the arguments are ignored (a contract would ignore
//! them too, so the call still does what the decoded form says); an address word with
//! non-zero high bytes or a bool other than 0/1 is refused (Solidity ≥ 0.8 reverts on
//! them, older contracts silently truncate: either way the call is suspicious).
//!
//! Spec: <https://eips.ethereum.org/EIPS/eip-20>, <https://eips.ethereum.org/EIPS/eip-721>,
//! <https://eips.ethereum.org/EIPS/eip-1155>; the Solidity ABI specification
//! (<https://docs.soliditylang.org/en/latest/abi-spec.html>). `increaseAllowance` is
//! OpenZeppelin's ERC-20 extension.

use super::Address;
use super::primitives::U256;

/// `transfer(address,uint256)`.
pub const TRANSFER: [u8; 4] = [0xa9, 0x05, 0x9c, 0xbb];
/// `approve(address,uint256)`.
pub const APPROVE: [u8; 4] = [0x09, 0x5e, 0xa7, 0xb3];
/// `increaseAllowance(address,uint256)`.
pub const INCREASE_ALLOWANCE: [u8; 4] = [0x39, 0x50, 0x93, 0x51];
/// `setApprovalForAll(address,bool)`.
pub const SET_APPROVAL_FOR_ALL: [u8; 4] = [0xa2, 0x2c, 0xb4, 0x65];
/// `balanceOf(address)`.
pub const BALANCE_OF: [u8; 4] = [0x70, 0xa0, 0x82, 0x31];
/// `decimals()`.
pub const DECIMALS: [u8; 4] = [0x31, 0x3c, 0xe5, 0x67];
/// `symbol()`.
pub const SYMBOL: [u8; 4] = [0x95, 0xd8, 0x9b, 0x41];

/// Why calldata or a return value is not what its function's ABI says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AbiError {
    /// Fewer bytes than the arguments or return value need.
    #[error("expected at least {expected} bytes, found {found}")]
    Truncated {
        /// Bytes needed.
        expected: usize,
        /// Bytes given.
        found: usize,
    },
    /// An address word whose 12 high bytes are not zero.
    #[error("an address argument has non-zero high bytes")]
    DirtyAddress,
    /// A bool word that is neither 0 nor 1.
    #[error("a bool argument is neither 0 nor 1")]
    InvalidBool,
    /// A `decimals()` value above 255.
    #[error("decimals() returned a value above 255")]
    DecimalsOutOfRange,
    /// A string offset or length that points outside the return data.
    #[error("the string's offset or length points outside the return data")]
    OutOfBounds,
    /// Text that is not UTF-8.
    #[error("the string is not valid utf-8")]
    InvalidUtf8,
}

/// A token call the approval screen explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenCall {
    /// ERC-20 `transfer(to, amount)`.
    Transfer {
        /// Recipient.
        to: Address,
        /// Amount in the token's smallest unit.
        amount: U256,
    },
    /// ERC-20 `approve(spender, amount)` (ERC-721 `approve(to, tokenId)` has the same
    /// selector; the amount is then a token id).
    Approve {
        /// Who may spend.
        spender: Address,
        /// Allowance (or token id).
        amount: U256,
    },
    /// `increaseAllowance(spender, addedValue)`.
    IncreaseAllowance {
        /// Who may spend.
        spender: Address,
        /// Allowance added.
        added_value: U256,
    },
    /// ERC-721/1155 `setApprovalForAll(operator, approved)`.
    SetApprovalForAll {
        /// Who may move every token of the collection.
        operator: Address,
        /// Granted (`true`) or revoked.
        approved: bool,
    },
}

fn word(data: &[u8], index: usize) -> Result<&[u8; 32], AbiError> {
    let start = index * 32;
    data.get(start..start + 32)
        .and_then(|w| w.try_into().ok())
        .ok_or(AbiError::Truncated {
            expected: start + 32,
            found: data.len(),
        })
}

fn address_word(w: &[u8; 32]) -> Result<Address, AbiError> {
    if w[..12].iter().any(|b| *b != 0) {
        return Err(AbiError::DirtyAddress);
    }
    let mut bytes = [0u8; 20];
    bytes.copy_from_slice(&w[12..]);
    Ok(Address::from_bytes(bytes))
}

fn bool_word(w: &[u8; 32]) -> Result<bool, AbiError> {
    match U256::from_be_bytes(*w) {
        v if v.is_zero() => Ok(false),
        v if v == U256::from(1u64) => Ok(true),
        _ => Err(AbiError::InvalidBool),
    }
}

fn address_to_word(address: &Address) -> [u8; 32] {
    let mut w = [0u8; 32];
    w[12..].copy_from_slice(address.as_bytes());
    w
}

fn call(selector: [u8; 4], words: &[[u8; 32]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + 32 * words.len());
    out.extend_from_slice(&selector);
    for w in words {
        out.extend_from_slice(w);
    }
    out
}

impl TokenCall {
    /// Decodes calldata into a token call; `Ok(None)` when the selector is none of these
    /// (or the calldata is shorter than a selector).
    ///
    /// # Errors
    /// [`AbiError`] when the selector matches but the arguments are malformed.
    pub fn decode(calldata: &[u8]) -> Result<Option<Self>, AbiError> {
        let Some((selector, args)) = calldata.split_first_chunk::<4>() else {
            return Ok(None);
        };
        let call = match *selector {
            TRANSFER => Self::Transfer {
                to: address_word(word(args, 0)?)?,
                amount: U256::from_be_bytes(*word(args, 1)?),
            },
            APPROVE => Self::Approve {
                spender: address_word(word(args, 0)?)?,
                amount: U256::from_be_bytes(*word(args, 1)?),
            },
            INCREASE_ALLOWANCE => Self::IncreaseAllowance {
                spender: address_word(word(args, 0)?)?,
                added_value: U256::from_be_bytes(*word(args, 1)?),
            },
            SET_APPROVAL_FOR_ALL => Self::SetApprovalForAll {
                operator: address_word(word(args, 0)?)?,
                approved: bool_word(word(args, 1)?)?,
            },
            _ => return Ok(None),
        };
        Ok(Some(call))
    }

    /// The calldata of this call.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Self::Transfer { to, amount } => call(TRANSFER, &[address_to_word(to), amount.to_be_bytes()]),
            Self::Approve { spender, amount } => {
                call(APPROVE, &[address_to_word(spender), amount.to_be_bytes()])
            }
            Self::IncreaseAllowance { spender, added_value } => call(
                INCREASE_ALLOWANCE,
                &[address_to_word(spender), added_value.to_be_bytes()],
            ),
            Self::SetApprovalForAll { operator, approved } => {
                let mut flag = [0u8; 32];
                flag[31] = u8::from(*approved);
                call(SET_APPROVAL_FOR_ALL, &[address_to_word(operator), flag])
            }
        }
    }

    /// Whether the call hands over an unlimited allowance: an approval or increase of at
    /// least 2^255 (wallets and dApps write "unlimited" as 2^256 - 1, sometimes 2^255), or
    /// `setApprovalForAll(_, true)`, which covers every token of the collection.
    pub fn is_unlimited(&self) -> bool {
        let threshold = U256::from(1u64) << 255;
        match self {
            Self::Transfer { .. } => false,
            Self::Approve { amount, .. } => *amount >= threshold,
            Self::IncreaseAllowance { added_value, .. } => *added_value >= threshold,
            Self::SetApprovalForAll { approved, .. } => *approved,
        }
    }
}

/// Calldata for `balanceOf(owner)`.
pub fn balance_of_call(owner: &Address) -> Vec<u8> {
    call(BALANCE_OF, &[address_to_word(owner)])
}

/// Calldata for `decimals()`.
pub fn decimals_call() -> Vec<u8> {
    DECIMALS.to_vec()
}

/// Calldata for `symbol()`.
pub fn symbol_call() -> Vec<u8> {
    SYMBOL.to_vec()
}

/// Decodes a `uint256` return value (such as `balanceOf`'s).
///
/// # Errors
/// [`AbiError::Truncated`] for fewer than 32 bytes.
pub fn decode_uint256(data: &[u8]) -> Result<U256, AbiError> {
    word(data, 0).map(|w| U256::from_be_bytes(*w))
}

/// Decodes `decimals()`'s `uint8` return value.
///
/// # Errors
/// [`AbiError::Truncated`] for fewer than 32 bytes, [`AbiError::DecimalsOutOfRange`] for a
/// value above 255.
pub fn decode_decimals(data: &[u8]) -> Result<u8, AbiError> {
    u8::try_from(decode_uint256(data)?).map_err(|_| AbiError::DecimalsOutOfRange)
}

/// Decodes `symbol()`'s return value: an ABI `string`, or — for early tokens such as MKR —
/// a `bytes32` padded with zero bytes (exactly 32 bytes of return data).
///
/// # Errors
/// [`AbiError`] for data that is neither, or text that is not UTF-8.
pub fn decode_symbol(data: &[u8]) -> Result<String, AbiError> {
    let bytes = if data.len() == 32 {
        let end = data.iter().position(|b| *b == 0).unwrap_or(32);
        &data[..end]
    } else {
        let to_usize =
            |w: &[u8; 32]| usize::try_from(U256::from_be_bytes(*w)).map_err(|_| AbiError::OutOfBounds);
        let offset = to_usize(word(data, 0)?)?;
        let length_end = offset.checked_add(32).ok_or(AbiError::OutOfBounds)?;
        let length_word: &[u8; 32] = data
            .get(offset..length_end)
            .and_then(|w| w.try_into().ok())
            .ok_or(AbiError::OutOfBounds)?;
        let length = to_usize(length_word)?;
        let end = length_end.checked_add(length).ok_or(AbiError::OutOfBounds)?;
        data.get(length_end..end).ok_or(AbiError::OutOfBounds)?
    };
    String::from_utf8(bytes.to_vec()).map_err(|_| AbiError::InvalidUtf8)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::chains::evm::primitives::keccak256;
    use crate::chains::evm::quantity::parse_data;

    const TRANSACTIONS: &str = include_str!("../../../../testdata/evm/transactions.json");

    fn selector(signature: &str) -> [u8; 4] {
        let hash = keccak256(signature.as_bytes());
        [
            hash.as_bytes()[0],
            hash.as_bytes()[1],
            hash.as_bytes()[2],
            hash.as_bytes()[3],
        ]
    }

    #[test]
    fn selectors_are_the_signature_hashes() {
        assert_eq!(selector("transfer(address,uint256)"), TRANSFER);
        assert_eq!(selector("approve(address,uint256)"), APPROVE);
        assert_eq!(selector("increaseAllowance(address,uint256)"), INCREASE_ALLOWANCE);
        assert_eq!(selector("setApprovalForAll(address,bool)"), SET_APPROVAL_FOR_ALL);
        assert_eq!(selector("balanceOf(address)"), BALANCE_OF);
        assert_eq!(selector("decimals()"), DECIMALS);
        assert_eq!(selector("symbol()"), SYMBOL);
    }

    #[test]
    fn decodes_the_published_mainnet_set_approval_for_all() {
        // The input of the EIP-1559 mainnet transaction in testdata/evm/transactions.json.
        let doc: serde_json::Value = serde_json::from_str(TRANSACTIONS).unwrap();
        let input = parse_data(doc["eip1559_mainnet"]["input"].as_str().unwrap()).unwrap();
        let call = TokenCall::decode(&input).unwrap().unwrap();
        assert_eq!(
            call,
            TokenCall::SetApprovalForAll {
                operator: "0x5eee75727d804a2b13038928d36f8b188945a57a".parse().unwrap(),
                approved: false,
            }
        );
        assert!(!call.is_unlimited());
        assert_eq!(call.encode(), input);
    }

    #[test]
    fn unlimited_approvals() {
        let spender = Address::from_bytes([9; 20]);
        let approve = |amount| TokenCall::Approve { spender, amount };
        assert!(approve(U256::MAX).is_unlimited());
        assert!(approve(U256::from(1u64) << 255).is_unlimited());
        assert!(!approve((U256::from(1u64) << 255) - U256::from(1u64)).is_unlimited());
        assert!(!approve(U256::from(1_000_000u64)).is_unlimited());
        assert!(
            TokenCall::IncreaseAllowance {
                spender,
                added_value: U256::MAX
            }
            .is_unlimited()
        );
        assert!(
            TokenCall::SetApprovalForAll {
                operator: spender,
                approved: true
            }
            .is_unlimited()
        );
        assert!(
            !TokenCall::Transfer {
                to: spender,
                amount: U256::MAX
            }
            .is_unlimited()
        );
    }

    #[test]
    fn refuses_malformed_arguments() {
        let good = TokenCall::Transfer {
            to: Address::from_bytes([1; 20]),
            amount: U256::from(5u64),
        }
        .encode();
        assert_eq!(
            TokenCall::decode(&good[..67]),
            Err(AbiError::Truncated {
                expected: 64,
                found: 63
            })
        );
        assert_eq!(
            TokenCall::decode(&good[..4]),
            Err(AbiError::Truncated {
                expected: 32,
                found: 0
            })
        );
        let mut dirty = good.clone();
        dirty[4] = 1;
        assert_eq!(TokenCall::decode(&dirty), Err(AbiError::DirtyAddress));
        let mut longer = good.clone();
        longer.extend_from_slice(&[0xde, 0xad]);
        assert!(matches!(
            TokenCall::decode(&longer),
            Ok(Some(TokenCall::Transfer { .. }))
        ));
        let mut bad_bool = TokenCall::SetApprovalForAll {
            operator: Address::ZERO,
            approved: true,
        }
        .encode();
        bad_bool[67] = 2;
        assert_eq!(TokenCall::decode(&bad_bool), Err(AbiError::InvalidBool));
        assert_eq!(TokenCall::decode(&[]), Ok(None));
        assert_eq!(TokenCall::decode(&[0xa9, 0x05, 0x9c]), Ok(None));
        assert_eq!(TokenCall::decode(&[0xde, 0xad, 0xbe, 0xef, 0, 0]), Ok(None));
    }

    #[test]
    fn read_calls_and_return_values() {
        let owner: Address = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".parse().unwrap();
        let call = balance_of_call(&owner);
        assert_eq!(
            hex::encode(&call),
            "70a082310000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
        );
        assert_eq!(decimals_call(), hex::decode("313ce567").unwrap());
        assert_eq!(symbol_call(), hex::decode("95d89b41").unwrap());

        let mut eighteen = [0u8; 32];
        eighteen[31] = 18;
        assert_eq!(decode_decimals(&eighteen), Ok(18));
        assert_eq!(decode_uint256(&eighteen), Ok(U256::from(18u64)));
        eighteen[30] = 1;
        assert_eq!(decode_decimals(&eighteen), Err(AbiError::DecimalsOutOfRange));
        assert_eq!(
            decode_uint256(&[0; 31]),
            Err(AbiError::Truncated {
                expected: 32,
                found: 31
            })
        );
        assert_eq!(
            decode_decimals(&[]),
            Err(AbiError::Truncated {
                expected: 32,
                found: 0
            })
        );

        // An ABI string: offset 0x20, length 4, "USDC" right-padded.
        let usdc = hex::decode(concat!(
            "0000000000000000000000000000000000000000000000000000000000000020",
            "0000000000000000000000000000000000000000000000000000000000000004",
            "5553444300000000000000000000000000000000000000000000000000000000"
        ))
        .unwrap();
        assert_eq!(decode_symbol(&usdc).unwrap(), "USDC");
        // MKR's bytes32 symbol.
        let mut mkr = [0u8; 32];
        mkr[..3].copy_from_slice(b"MKR");
        assert_eq!(decode_symbol(&mkr).unwrap(), "MKR");
        // The empty string.
        let empty = hex::decode(concat!(
            "0000000000000000000000000000000000000000000000000000000000000020",
            "0000000000000000000000000000000000000000000000000000000000000000"
        ))
        .unwrap();
        assert_eq!(decode_symbol(&empty).unwrap(), "");
        // Lengths or offsets beyond the data, and non-UTF-8.
        let mut too_long = usdc.clone();
        too_long[63] = 100;
        assert_eq!(decode_symbol(&too_long), Err(AbiError::OutOfBounds));
        let mut far = usdc.clone();
        far[..32].copy_from_slice(&[0xff; 32]);
        assert_eq!(decode_symbol(&far), Err(AbiError::OutOfBounds));
        let mut huge_offset = usdc.clone();
        huge_offset[24..32].copy_from_slice(&[0xff; 8]);
        assert_eq!(decode_symbol(&huge_offset), Err(AbiError::OutOfBounds));
        let mut bad_utf8 = usdc.clone();
        bad_utf8[64] = 0xff;
        assert_eq!(decode_symbol(&bad_utf8), Err(AbiError::InvalidUtf8));
        // A length word cut short.
        assert_eq!(decode_symbol(&usdc[..40]), Err(AbiError::OutOfBounds));
        assert_eq!(
            decode_symbol(&usdc[..20]),
            Err(AbiError::Truncated {
                expected: 32,
                found: 20
            })
        );
    }

    proptest! {
        #[test]
        fn calls_round_trip(address in any::<[u8; 20]>(), limbs in any::<[u64; 4]>(), flag: bool, kind in 0u8..4) {
            let address = Address::from_bytes(address);
            let amount = U256::from_limbs(limbs);
            let call = match kind {
                0 => TokenCall::Transfer { to: address, amount },
                1 => TokenCall::Approve { spender: address, amount },
                2 => TokenCall::IncreaseAllowance { spender: address, added_value: amount },
                _ => TokenCall::SetApprovalForAll { operator: address, approved: flag },
            };
            prop_assert_eq!(TokenCall::decode(&call.encode()), Ok(Some(call)));
        }

        #[test]
        fn arbitrary_return_data_never_panics(data in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = decode_symbol(&data);
            let _ = decode_decimals(&data);
            let _ = TokenCall::decode(&data);
        }
    }
}
