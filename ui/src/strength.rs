//! A password strength estimate for the meter on the set-password screens.
//!
//! It only guides the user; the engine enforces the minimum (8 characters) when it gets the
//! password. The estimate is entropy from length and character classes, discounted for
//! repeats, runs and the passwords every cracking list starts with.

/// How strong a password looks, 0 (weak) to 4 (very strong).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Strength(pub u8);

/// Passwords cracked first whatever their length (lowercase, compared after lowercasing).
const COMMON: &[&str] = &[
    "password",
    "password1",
    "password123",
    "12345678",
    "123456789",
    "1234567890",
    "qwertyuiop",
    "iloveyou",
    "11111111",
    "00000000",
    "abc12345",
    "qwerty123",
    "1q2w3e4r",
    "letmein1",
    "sunshine",
    "football",
    "baseball",
    "welcome1",
    "admin123",
    "passw0rd",
    "trustno1",
    "88888888",
    "metamask",
    "bitcoin1",
    "ethereum",
];

/// Estimates `password`'s strength.
pub fn estimate(password: &str) -> Strength {
    let chars: Vec<char> = password.chars().collect();
    if chars.len() < 8 || COMMON.contains(&password.to_lowercase().as_str()) {
        return Strength(0);
    }
    let mut pool = 0_u32;
    if chars.iter().any(char::is_ascii_lowercase) {
        pool += 26;
    }
    if chars.iter().any(char::is_ascii_uppercase) {
        pool += 26;
    }
    if chars.iter().any(char::is_ascii_digit) {
        pool += 10;
    }
    if chars.iter().any(|c| c.is_ascii_punctuation() || *c == ' ') {
        pool += 33;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        // Letters beyond ASCII come from far larger alphabets (thousands of common Hanzi);
        // 1,000 is a conservative guess for an attacker's dictionary of them.
        pool += 1000;
    }
    // Characters that repeat or continue a run (abc, 321, aaa) add little.
    let mut effective = 1_u32;
    for pair in chars.windows(2) {
        let step = i64::from(u32::from(pair[1])) - i64::from(u32::from(pair[0]));
        if step.abs() > 1 {
            effective += 1;
        }
    }
    let bits = f64::from(effective) * f64::from(pool.max(1)).log2();
    Strength(match bits {
        b if b < 28.0 => 0,
        b if b < 40.0 => 1,
        b if b < 60.0 => 2,
        b if b < 80.0 => 3,
        _ => 4,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_passwords_sensibly() {
        assert_eq!(estimate("short"), Strength(0));
        assert_eq!(estimate("password"), Strength(0));
        assert_eq!(estimate("abcdefgh"), Strength(0));
        assert_eq!(estimate("aaaaaaaaaaaa"), Strength(0));
        assert!(estimate("correct horse battery staple") >= Strength(3));
        assert!(estimate("Tr0ub4dor&3xyz") >= Strength(3));
        assert!(estimate("蚂蚁钱包很安全的密码") >= Strength(3));
        assert!(estimate("kq9vmz2x") < estimate("kq9vmz2x-Lp7#wR"));
    }
}
