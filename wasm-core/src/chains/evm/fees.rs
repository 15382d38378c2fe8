//! Fee levels — low, market, aggressive — from a node's `eth_feeHistory` answer, or from
//! `eth_gasPrice` on chains without a base fee.
//!
//! # The rule
//! The engine asks for [`HISTORY_BLOCKS`] blocks ending at `pending` with the reward
//! percentiles [`REWARD_PERCENTILES`] (10, 50, 90). The last entry of `baseFeePerGas` is the
//! base fee of the block after the newest one returned, the next block the transaction can
//! land in. Under EIP-1559 the base fee rises by at most 1/8 (12.5 %) per full block, so each
//! level leaves room for a number of full blocks before inclusion:
//!
//! | level | priority fee (tip) | max fee per gas |
//! |---|---|---|
//! | low | 10th percentile tip | next base fee × 9/8 (one full block) + tip |
//! | market | median tip | next base fee × 81/64 (two full blocks) + tip |
//! | aggressive | 90th percentile tip | next base fee × 2 (about six full blocks) + tip |
//!
//! Each percentile's tip is the median of that percentile over the blocks that carried
//! transactions (`gasUsedRatio` > 0): nodes report zero rewards for empty blocks, which
//! would drag every level to a zero tip. When no block carried any, the caller supplies a
//! tip (the engine asks `eth_maxPriorityFeePerGas`) and all three levels use it. Tips are
//! made non-decreasing from low to aggressive.
//!
//! A chain whose `baseFeePerGas` entries are all zero (pre-London chains answer this way) or
//! that does not implement `eth_feeHistory` has no base fee: its levels are legacy gas
//! prices, from the node's `eth_gasPrice` (`p`): low `p`, market `p` × 11/10, aggressive
//! `p` × 13/10.
//!
//! Spec: EIP-1559 (<https://eips.ethereum.org/EIPS/eip-1559>, `BASE_FEE_MAX_CHANGE_DENOMINATOR`
//! = 8); `eth_feeHistory` in `execution-apis`, `src/eth/fee_market.yaml`
//! (<https://ethereum.github.io/execution-apis/api-documentation/>).

use serde_json::Value;

use super::primitives::U256;
use super::quantity::{HexError, parse_quantity};

/// How many blocks of history the engine asks for.
pub const HISTORY_BLOCKS: u64 = 10;

/// The reward percentiles the engine asks for: one per level, low to aggressive.
pub const REWARD_PERCENTILES: [u8; 3] = [10, 50, 90];

/// One wei in gwei.
const WEI_PER_GWEI: u64 = 1_000_000_000;

/// A fee level the user can pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeeLevel {
    /// Cheapest; may wait a few blocks when demand rises.
    Low,
    /// The default.
    Market,
    /// Outbids most of the recent blocks' transactions.
    Aggressive,
}

impl FeeLevel {
    /// The three levels, low to aggressive.
    pub const ALL: [Self; 3] = [Self::Low, Self::Market, Self::Aggressive];

    /// The base fee headroom as a fraction (numerator, denominator).
    const fn headroom(self) -> (u64, u64) {
        match self {
            Self::Low => (9, 8),
            Self::Market => (81, 64),
            Self::Aggressive => (2, 1),
        }
    }

    /// The legacy gas price markup as a fraction (numerator, denominator).
    const fn legacy_markup(self) -> (u64, u64) {
        match self {
            Self::Low => (1, 1),
            Self::Market => (11, 10),
            Self::Aggressive => (13, 10),
        }
    }

    const fn index(self) -> usize {
        match self {
            Self::Low => 0,
            Self::Market => 1,
            Self::Aggressive => 2,
        }
    }
}

/// What a transaction pays per gas at one level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GasPrice {
    /// EIP-1559 fee caps.
    Eip1559 {
        /// `maxFeePerGas`.
        max_fee_per_gas: U256,
        /// `maxPriorityFeePerGas`.
        max_priority_fee_per_gas: U256,
    },
    /// A legacy `gasPrice`.
    Legacy {
        /// `gasPrice`.
        gas_price: U256,
    },
}

impl GasPrice {
    /// The most one unit of gas can cost: the fee cap, or the gas price.
    pub const fn max_per_gas(&self) -> U256 {
        match self {
            Self::Eip1559 { max_fee_per_gas, .. } => *max_fee_per_gas,
            Self::Legacy { gas_price } => *gas_price,
        }
    }
}

/// The three levels for one chain, as computed now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeeLevels {
    /// The next block's base fee, or `None` on a chain without one (legacy pricing).
    pub base_fee: Option<U256>,
    /// Low, market and aggressive, in that order.
    pub levels: [GasPrice; 3],
}

impl FeeLevels {
    /// The price at `level`.
    pub const fn get(&self, level: FeeLevel) -> GasPrice {
        self.levels[level.index()]
    }

    /// Legacy levels from the node's `eth_gasPrice`.
    pub fn legacy(gas_price: U256) -> Self {
        Self {
            base_fee: None,
            levels: FeeLevel::ALL.map(|level| {
                let (num, den) = level.legacy_markup();
                GasPrice::Legacy {
                    gas_price: scale(gas_price, num, den),
                }
            }),
        }
    }

    /// EIP-1559 levels from a fee history; `None` when the chain has no base fee.
    /// `fallback_tip` is used for every level when no block in the history carried a
    /// transaction (see [`FeeHistory::has_tip_samples`]).
    pub fn from_history(history: &FeeHistory, fallback_tip: U256) -> Option<Self> {
        let base = history.next_base_fee()?;
        let mut tips = [fallback_tip; 3];
        if history.has_tip_samples() {
            for level in FeeLevel::ALL {
                tips[level.index()] = history.median_reward(level.index()).unwrap_or(fallback_tip);
            }
        }
        // Low ≤ market ≤ aggressive, whatever the samples said.
        tips[1] = tips[1].max(tips[0]);
        tips[2] = tips[2].max(tips[1]);
        Some(Self {
            base_fee: Some(base),
            levels: FeeLevel::ALL.map(|level| {
                let tip = tips[level.index()];
                GasPrice::Eip1559 {
                    max_fee_per_gas: max_fee_for(base, level, tip),
                    max_priority_fee_per_gas: tip,
                }
            }),
        })
    }
}

/// `value × num / den`, rounded up, saturating at 2^256 − 1.
fn scale(value: U256, num: u64, den: u64) -> U256 {
    let Some(product) = value.checked_mul(U256::from(num)) else {
        return U256::MAX;
    };
    let den = U256::from(den.max(1));
    let quotient = product / den;
    if product % den == U256::ZERO {
        quotient
    } else {
        quotient.saturating_add(U256::from(1))
    }
}

/// The fee cap of `level` for a given next base fee and tip: base × headroom + tip.
pub fn max_fee_for(base_fee: U256, level: FeeLevel, tip: U256) -> U256 {
    let (num, den) = level.headroom();
    scale(base_fee, num, den).saturating_add(tip)
}

/// Why an `eth_feeHistory` answer cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FeeHistoryError {
    /// The answer is not a JSON object.
    #[error("the fee history is not a json object")]
    NotAnObject,
    /// A field is missing or has the wrong JSON type.
    #[error("fee history: {field} is missing or not {expected}")]
    WrongJsonType {
        /// The field.
        field: &'static str,
        /// What it must be.
        expected: &'static str,
    },
    /// A quantity is not valid hex.
    #[error("fee history: {field}: {source}")]
    Hex {
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        source: HexError,
    },
    /// `baseFeePerGas` is empty.
    #[error("fee history: baseFeePerGas is empty")]
    NoBaseFee,
    /// A `gasUsedRatio` is negative or not finite.
    #[error("fee history: gasUsedRatio {index} is not a number between 0 and 1")]
    BadRatio {
        /// Its position.
        index: usize,
    },
    /// The arrays' lengths do not fit together.
    #[error("fee history: {field} has {found} entries, expected {expected}")]
    Length {
        /// The field.
        field: &'static str,
        /// Entries expected.
        expected: usize,
        /// Entries found.
        found: usize,
    },
}

/// A checked `eth_feeHistory` answer.
#[derive(Clone, Debug, PartialEq)]
pub struct FeeHistory {
    /// Base fee per block, oldest first, with the next block's appended.
    pub base_fee_per_gas: Vec<U256>,
    /// Gas used / gas limit per block.
    pub gas_used_ratio: Vec<f64>,
    /// Per block, the tip at each requested percentile; empty when none were asked for.
    pub reward: Vec<Vec<U256>>,
}

fn quantities(values: &[Value], field: &'static str) -> Result<Vec<U256>, FeeHistoryError> {
    values
        .iter()
        .map(|v| {
            let s = v.as_str().ok_or(FeeHistoryError::WrongJsonType {
                field,
                expected: "an array of hex quantities",
            })?;
            parse_quantity(s).map_err(|source| FeeHistoryError::Hex { field, source })
        })
        .collect()
}

fn array<'a>(
    object: &'a serde_json::Map<String, Value>,
    field: &'static str,
) -> Result<Option<&'a Vec<Value>>, FeeHistoryError> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a)),
        Some(_) => Err(FeeHistoryError::WrongJsonType {
            field,
            expected: "an array",
        }),
    }
}

impl FeeHistory {
    /// Reads an `eth_feeHistory` result asked with `percentiles` reward percentiles.
    ///
    /// # Errors
    /// [`FeeHistoryError`] for a missing or malformed field, a negative or non-finite
    /// `gasUsedRatio`, or arrays whose lengths disagree: `reward` has one row per
    /// `gasUsedRatio` entry, each with `percentiles` tips; `baseFeePerGas` has one entry per
    /// block, plus at most one for the next block.
    pub fn from_value(value: &Value, percentiles: usize) -> Result<Self, FeeHistoryError> {
        let object = value.as_object().ok_or(FeeHistoryError::NotAnObject)?;
        let base = array(object, "baseFeePerGas")?.ok_or(FeeHistoryError::WrongJsonType {
            field: "baseFeePerGas",
            expected: "an array",
        })?;
        let base_fee_per_gas = quantities(base, "baseFeePerGas")?;
        if base_fee_per_gas.is_empty() {
            return Err(FeeHistoryError::NoBaseFee);
        }
        let ratios = array(object, "gasUsedRatio")?.ok_or(FeeHistoryError::WrongJsonType {
            field: "gasUsedRatio",
            expected: "an array",
        })?;
        let gas_used_ratio = ratios
            .iter()
            .enumerate()
            .map(|(index, r)| {
                r.as_f64()
                    .filter(|r| r.is_finite() && *r >= 0.0)
                    .ok_or(FeeHistoryError::BadRatio { index })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let blocks = gas_used_ratio.len();
        if base_fee_per_gas.len() != blocks && base_fee_per_gas.len() != blocks + 1 {
            return Err(FeeHistoryError::Length {
                field: "baseFeePerGas",
                expected: blocks + 1,
                found: base_fee_per_gas.len(),
            });
        }
        let reward = match array(object, "reward")? {
            None if percentiles == 0 => Vec::new(),
            None => {
                return Err(FeeHistoryError::WrongJsonType {
                    field: "reward",
                    expected: "an array",
                });
            }
            Some(rows) => {
                if rows.len() != blocks {
                    return Err(FeeHistoryError::Length {
                        field: "reward",
                        expected: blocks,
                        found: rows.len(),
                    });
                }
                rows.iter()
                    .map(|row| {
                        let row = row.as_array().ok_or(FeeHistoryError::WrongJsonType {
                            field: "reward",
                            expected: "an array of arrays",
                        })?;
                        if row.len() != percentiles {
                            return Err(FeeHistoryError::Length {
                                field: "reward row",
                                expected: percentiles,
                                found: row.len(),
                            });
                        }
                        quantities(row, "reward")
                    })
                    .collect::<Result<Vec<_>, _>>()?
            }
        };
        Ok(Self {
            base_fee_per_gas,
            gas_used_ratio,
            reward,
        })
    }

    /// The base fee of the next block, or `None` when every base fee is zero (a chain
    /// without EIP-1559).
    pub fn next_base_fee(&self) -> Option<U256> {
        if self.base_fee_per_gas.iter().all(|b| *b == U256::ZERO) {
            return None;
        }
        self.base_fee_per_gas.last().copied()
    }

    /// Whether any block of the history carried transactions, so its rewards mean something.
    pub fn has_tip_samples(&self) -> bool {
        !self.reward.is_empty() && self.gas_used_ratio.iter().any(|r| *r > 0.0)
    }

    /// The median of percentile column `column` over the blocks that carried transactions.
    fn median_reward(&self, column: usize) -> Option<U256> {
        let mut samples: Vec<U256> = self
            .reward
            .iter()
            .zip(&self.gas_used_ratio)
            .filter(|(_, ratio)| **ratio > 0.0)
            .filter_map(|(row, _)| row.get(column).copied())
            .collect();
        samples.sort_unstable();
        samples.get(samples.len() / 2).copied()
    }
}

/// Writes wei as gwei without trailing zeros: `1.5`, `30`, `0.000000001`.
pub fn format_gwei(wei: U256) -> String {
    let unit = U256::from(WEI_PER_GWEI);
    let whole = wei / unit;
    let fraction = wei % unit;
    if fraction == U256::ZERO {
        return whole.to_string();
    }
    let digits = format!("{fraction:0>9}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// Why a gwei amount typed by the user is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GweiError {
    /// Not a plain decimal number (digits, at most one `.`).
    #[error("a gwei amount is a decimal number such as 1.5")]
    NotDecimal,
    /// More than 9 decimal places: below one wei.
    #[error("a gwei amount has at most 9 decimal places")]
    TooPrecise,
    /// Above 2^256 − 1 wei.
    #[error("the gwei amount is too large")]
    TooLarge,
}

/// Reads a decimal gwei amount (`"1.5"`, `"30"`, `"0.000000001"`) as wei.
///
/// # Errors
/// [`GweiError`] for anything but digits with at most one `.` and 9 decimals, or an amount
/// above 2^256 − 1 wei.
pub fn parse_gwei(text: &str) -> Result<U256, GweiError> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return Err(GweiError::NotDecimal);
    }
    if fraction.len() > 9 {
        return Err(GweiError::TooPrecise);
    }
    let parse = |s: &str| {
        if s.is_empty() {
            Ok(U256::ZERO)
        } else {
            U256::from_str_radix(s, 10).map_err(|_| GweiError::TooLarge)
        }
    };
    let whole = parse(whole)?;
    let fraction = parse(&format!("{fraction:0<9}"))?;
    whole
        .checked_mul(U256::from(WEI_PER_GWEI))
        .and_then(|w| w.checked_add(fraction))
        .ok_or(GweiError::TooLarge)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn gwei(n: u64) -> U256 {
        U256::from(n) * U256::from(WEI_PER_GWEI)
    }

    /// Shaped like a mainnet answer to
    /// `eth_feeHistory(0xa, "pending", [10, 50, 90])`: ten blocks, eleven base fees.
    fn mainnet_like() -> Value {
        json!({
            "oldestBlock": "0x1499f3c",
            "baseFeePerGas": [
                "0x2c7b8e2b6", "0x2cf2b7c6a", "0x2b8d2e0d3", "0x2a0d3e52a", "0x2a5ef5fd4",
                "0x2b1f3b7d2", "0x2a3c0d5a9", "0x29a1c3f21", "0x2b0e7d3c4", "0x2ac3d1b42",
                "0x2ba1c7e90"
            ],
            "gasUsedRatio": [
                0.5536, 0.3179, 0.3651, 0.5478, 0.5909, 0.4201, 0.4103, 0.7162, 0.4631, 0.6003
            ],
            "reward": [
                ["0x5f5e100", "0x3b9aca00", "0x77359400"],
                ["0x2faf080", "0x3b9aca00", "0x9502f900"],
                ["0x5f5e100", "0x2faf0800", "0x77359400"],
                ["0x1dcd6500", "0x3b9aca00", "0xb2d05e00"],
                ["0x5f5e100", "0x3b9aca00", "0x77359400"],
                ["0x989680", "0x1dcd6500", "0x3b9aca00"],
                ["0x5f5e100", "0x3b9aca00", "0x77359400"],
                ["0x5f5e100", "0x59682f00", "0x12a05f200"],
                ["0x2faf080", "0x3b9aca00", "0x77359400"],
                ["0x5f5e100", "0x3b9aca00", "0x77359400"]
            ]
        })
    }

    #[test]
    fn mainnet_history_gives_three_ordered_eip1559_levels() {
        let history = FeeHistory::from_value(&mainnet_like(), 3).unwrap();
        let base = U256::from(0x2_ba1c_7e90_u64);
        assert_eq!(history.next_base_fee(), Some(base));
        let levels = FeeLevels::from_history(&history, U256::ZERO).unwrap();
        assert_eq!(levels.base_fee, Some(base));
        // Medians of each column over ten non-empty blocks (the upper median of ten).
        let tips = [U256::from(100_000_000_u64), gwei(1), gwei(2)];
        for (level, tip) in FeeLevel::ALL.into_iter().zip(tips) {
            let GasPrice::Eip1559 {
                max_fee_per_gas,
                max_priority_fee_per_gas,
            } = levels.get(level)
            else {
                panic!("expected EIP-1559 fees");
            };
            assert_eq!(max_priority_fee_per_gas, tip, "{level:?}");
            assert_eq!(max_fee_per_gas, max_fee_for(base, level, tip), "{level:?}");
            assert!(max_fee_per_gas > base + tip, "{level:?} leaves headroom");
        }
        // The documented headrooms, rounded up.
        assert_eq!(
            max_fee_for(U256::from(64_u8), FeeLevel::Market, U256::ZERO),
            U256::from(81_u8)
        );
        assert_eq!(
            max_fee_for(U256::from(8_u8), FeeLevel::Low, U256::from(1_u8)),
            U256::from(10_u8)
        );
        assert_eq!(
            max_fee_for(U256::from(9_u8), FeeLevel::Low, U256::ZERO),
            U256::from(11_u8)
        );
        assert_eq!(max_fee_for(gwei(10), FeeLevel::Aggressive, gwei(2)), gwei(22));
        let caps: Vec<U256> = levels.levels.iter().map(GasPrice::max_per_gas).collect();
        assert!(caps[0] < caps[1] && caps[1] < caps[2]);
    }

    #[test]
    fn empty_blocks_do_not_drag_tips_to_zero() {
        let mut answer = mainnet_like();
        // Half the blocks were empty: their rewards are zero and must be ignored.
        for i in [0, 2, 4, 6, 8] {
            answer["gasUsedRatio"][i] = json!(0.0);
            answer["reward"][i] = json!(["0x0", "0x0", "0x0"]);
        }
        let history = FeeHistory::from_value(&answer, 3).unwrap();
        let levels = FeeLevels::from_history(&history, U256::ZERO).unwrap();
        let GasPrice::Eip1559 {
            max_priority_fee_per_gas,
            ..
        } = levels.get(FeeLevel::Market)
        else {
            panic!()
        };
        assert_eq!(max_priority_fee_per_gas, gwei(1));
    }

    #[test]
    fn a_history_of_empty_blocks_uses_the_fallback_tip() {
        // What anvil answers on a fresh chain: no transactions yet.
        let answer = json!({
            "oldestBlock": "0x0",
            "baseFeePerGas": ["0x3b9aca00", "0x342770c0"],
            "gasUsedRatio": [0.0],
            "reward": [["0x0", "0x0", "0x0"]]
        });
        let history = FeeHistory::from_value(&answer, 3).unwrap();
        assert!(!history.has_tip_samples());
        let levels = FeeLevels::from_history(&history, gwei(1)).unwrap();
        for level in FeeLevel::ALL {
            let GasPrice::Eip1559 {
                max_fee_per_gas,
                max_priority_fee_per_gas,
            } = levels.get(level)
            else {
                panic!()
            };
            assert_eq!(max_priority_fee_per_gas, gwei(1));
            assert_eq!(
                max_fee_per_gas,
                max_fee_for(U256::from(0x3427_70c0_u64), level, gwei(1))
            );
        }
    }

    #[test]
    fn tips_never_decrease_with_the_level() {
        let answer = json!({
            "oldestBlock": "0x10",
            "baseFeePerGas": ["0x64", "0x64"],
            "gasUsedRatio": [0.9],
            "reward": [["0x9", "0x5", "0x1"]]
        });
        let history = FeeHistory::from_value(&answer, 3).unwrap();
        let levels = FeeLevels::from_history(&history, U256::ZERO).unwrap();
        let tip = |l| match levels.get(l) {
            GasPrice::Eip1559 {
                max_priority_fee_per_gas,
                ..
            } => max_priority_fee_per_gas,
            GasPrice::Legacy { .. } => panic!(),
        };
        assert_eq!(tip(FeeLevel::Low), U256::from(9_u8));
        assert_eq!(tip(FeeLevel::Market), U256::from(9_u8));
        assert_eq!(tip(FeeLevel::Aggressive), U256::from(9_u8));
    }

    #[test]
    fn chains_without_a_base_fee_price_legacy() {
        // A pre-London chain answers zeros for the base fee.
        let answer = json!({
            "oldestBlock": "0x10",
            "baseFeePerGas": ["0x0", "0x0", "0x0"],
            "gasUsedRatio": [0.2, 0.4],
            "reward": [["0x1", "0x2", "0x3"], ["0x1", "0x2", "0x3"]]
        });
        let history = FeeHistory::from_value(&answer, 3).unwrap();
        assert_eq!(history.next_base_fee(), None);
        assert_eq!(FeeLevels::from_history(&history, U256::ZERO), None);
        let levels = FeeLevels::legacy(gwei(3));
        assert_eq!(levels.base_fee, None);
        assert_eq!(
            levels.levels,
            [
                GasPrice::Legacy { gas_price: gwei(3) },
                GasPrice::Legacy {
                    gas_price: U256::from(3_300_000_000_u64)
                },
                GasPrice::Legacy {
                    gas_price: U256::from(3_900_000_000_u64)
                },
            ]
        );
        // Rounded up, never to zero for a non-zero price.
        assert_eq!(
            FeeLevels::legacy(U256::from(1_u8))
                .get(FeeLevel::Market)
                .max_per_gas(),
            U256::from(2_u8)
        );
        assert_eq!(
            FeeLevels::legacy(U256::MAX)
                .get(FeeLevel::Aggressive)
                .max_per_gas(),
            U256::MAX
        );
    }

    #[test]
    fn malformed_answers_are_refused() {
        let good = mainnet_like();
        let cases: Vec<(Value, FeeHistoryError)> = vec![
            (json!("0x1"), FeeHistoryError::NotAnObject),
            (json!(null), FeeHistoryError::NotAnObject),
            (
                {
                    let mut v = good.clone();
                    v.as_object_mut().unwrap().remove("baseFeePerGas");
                    v
                },
                FeeHistoryError::WrongJsonType {
                    field: "baseFeePerGas",
                    expected: "an array",
                },
            ),
            (
                {
                    let mut v = good.clone();
                    v["baseFeePerGas"] = json!([]);
                    v
                },
                FeeHistoryError::NoBaseFee,
            ),
            (
                {
                    let mut v = good.clone();
                    v["baseFeePerGas"][3] = json!(12);
                    v
                },
                FeeHistoryError::WrongJsonType {
                    field: "baseFeePerGas",
                    expected: "an array of hex quantities",
                },
            ),
            (
                {
                    let mut v = good.clone();
                    v["baseFeePerGas"][3] = json!("0x01");
                    v
                },
                FeeHistoryError::Hex {
                    field: "baseFeePerGas",
                    source: HexError::LeadingZero,
                },
            ),
            (
                {
                    let mut v = good.clone();
                    v["gasUsedRatio"][1] = json!(-0.5);
                    v
                },
                FeeHistoryError::BadRatio { index: 1 },
            ),
            (
                {
                    let mut v = good.clone();
                    v["gasUsedRatio"][1] = json!("0.5");
                    v
                },
                FeeHistoryError::BadRatio { index: 1 },
            ),
            (
                {
                    let mut v = good.clone();
                    v["gasUsedRatio"] = json!("many");
                    v
                },
                FeeHistoryError::WrongJsonType {
                    field: "gasUsedRatio",
                    expected: "an array",
                },
            ),
            (
                {
                    let mut v = good.clone();
                    v["baseFeePerGas"].as_array_mut().unwrap().push(json!("0x1"));
                    v
                },
                FeeHistoryError::Length {
                    field: "baseFeePerGas",
                    expected: 11,
                    found: 12,
                },
            ),
            (
                {
                    let mut v = good.clone();
                    v["reward"].as_array_mut().unwrap().pop();
                    v
                },
                FeeHistoryError::Length {
                    field: "reward",
                    expected: 10,
                    found: 9,
                },
            ),
            (
                {
                    let mut v = good.clone();
                    v["reward"][4] = json!(["0x1", "0x2"]);
                    v
                },
                FeeHistoryError::Length {
                    field: "reward row",
                    expected: 3,
                    found: 2,
                },
            ),
            (
                {
                    let mut v = good.clone();
                    v["reward"][4] = json!("0x1");
                    v
                },
                FeeHistoryError::WrongJsonType {
                    field: "reward",
                    expected: "an array of arrays",
                },
            ),
            (
                {
                    let mut v = good.clone();
                    v["reward"][4][2] = json!("ff");
                    v
                },
                FeeHistoryError::Hex {
                    field: "reward",
                    source: HexError::MissingPrefix,
                },
            ),
            (
                {
                    let mut v = good;
                    v.as_object_mut().unwrap().remove("reward");
                    v
                },
                FeeHistoryError::WrongJsonType {
                    field: "reward",
                    expected: "an array",
                },
            ),
        ];
        for (answer, expected) in cases {
            assert_eq!(FeeHistory::from_value(&answer, 3), Err(expected), "{answer}");
        }
        // Without percentiles, no reward field is needed.
        let mut bare = mainnet_like();
        bare.as_object_mut().unwrap().remove("reward");
        let history = FeeHistory::from_value(&bare, 0).unwrap();
        assert!(!history.has_tip_samples());
    }

    #[test]
    fn some_nodes_omit_the_next_blocks_base_fee() {
        let answer = json!({
            "oldestBlock": "0x10",
            "baseFeePerGas": ["0x10", "0x20"],
            "gasUsedRatio": [0.5, 0.5],
            "reward": [["0x1", "0x2", "0x3"], ["0x1", "0x2", "0x3"]]
        });
        let history = FeeHistory::from_value(&answer, 3).unwrap();
        assert_eq!(history.next_base_fee(), Some(U256::from(0x20_u8)));
    }

    #[test]
    fn gwei_text_round_trips() {
        assert_eq!(format_gwei(gwei(30)), "30");
        assert_eq!(format_gwei(U256::from(1_500_000_000_u64)), "1.5");
        assert_eq!(format_gwei(U256::from(1_u8)), "0.000000001");
        assert_eq!(format_gwei(U256::ZERO), "0");
        assert_eq!(parse_gwei("30"), Ok(gwei(30)));
        assert_eq!(parse_gwei(" 1.5 "), Ok(U256::from(1_500_000_000_u64)));
        assert_eq!(parse_gwei(".5"), Ok(U256::from(500_000_000_u64)));
        assert_eq!(parse_gwei("2."), Ok(gwei(2)));
        assert_eq!(parse_gwei("0.000000001"), Ok(U256::from(1_u8)));
        for bad in ["", ".", "-1", "1e9", "1,5", "0x10", "1.2.3", " ", "abc"] {
            assert_eq!(parse_gwei(bad), Err(GweiError::NotDecimal), "{bad:?}");
        }
        assert_eq!(parse_gwei("0.0000000001"), Err(GweiError::TooPrecise));
        assert_eq!(parse_gwei(&"9".repeat(80)), Err(GweiError::TooLarge));
        for wei in [0_u64, 1, 999, 1_000_000_000, 123_456_789_012] {
            assert_eq!(parse_gwei(&format_gwei(U256::from(wei))), Ok(U256::from(wei)));
        }
    }
}
