//! Text shortened for narrow rows.

/// The first 6 and last 4 characters around an ellipsis (`0x1234…abcd`, `NWNpE7…JAoG`); text of
/// 12 characters or fewer as it is.
pub fn shorten(text: &str) -> String {
    match (text.get(..6), text.get(text.len().saturating_sub(4)..)) {
        (Some(head), Some(tail)) if text.len() > 12 => format!("{head}…{tail}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn keeps_head_and_tail() {
        assert_eq!(
            shorten("0x9858EfFD232B4033E47d90003D41EC34EcaEda94"),
            "0x9858…da94"
        );
        assert_eq!(shorten("NWNpE7AeGZ3Pa6MD8fr47SzdTxXfx6JAoG"), "NWNpE7…JAoG");
        assert_eq!(shorten("0x1234567890"), "0x1234567890");
        assert_eq!(shorten(""), "");
    }
}
