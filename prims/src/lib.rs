//! TEMPORARY minimal stand-in for the scalar primitives (replaced by the full crate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrimError {
    pub kind: &'static str,
    pub message: String,
}

pub mod js {
    pub fn number_to_string(x: f64) -> String {
        let mut b = ryu_js::Buffer::new();
        b.format(x).to_string()
    }
    pub fn string_to_number(s: &str) -> f64 {
        let t = s.trim();
        if t.is_empty() {
            0.0
        } else {
            t.parse().unwrap_or(f64::NAN)
        }
    }
    pub fn modulo(a: f64, b: f64) -> f64 {
        a % b
    }
    pub fn pow(a: f64, b: f64) -> f64 {
        if b.is_nan() || (a.abs() == 1.0 && b.is_infinite()) {
            f64::NAN
        } else {
            a.powf(b)
        }
    }
    pub fn utf16_len(s: &str) -> usize {
        s.encode_utf16().count()
    }
    pub fn compare_strings(a: &str, b: &str) -> std::cmp::Ordering {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

pub mod py {
    use num_bigint::BigInt;
    use num_traits::ToPrimitive;
    #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Int {
        Small(i64),
        Big(BigInt),
    }
    impl Int {
        pub fn from_i64(n: i64) -> Int {
            Int::Small(n)
        }
        pub fn from_bigint(n: BigInt) -> Int {
            match n.to_i64() {
                Some(s) => Int::Small(s),
                None => Int::Big(n),
            }
        }
        pub fn to_bigint(&self) -> BigInt {
            match self {
                Int::Small(n) => BigInt::from(*n),
                Int::Big(b) => b.clone(),
            }
        }
        pub fn to_i64(&self) -> Option<i64> {
            match self {
                Int::Small(n) => Some(*n),
                Int::Big(_) => None,
            }
        }
        pub fn add(&self, o: &Int) -> Int {
            Int::from_bigint(self.to_bigint() + o.to_bigint())
        }
        pub fn sub(&self, o: &Int) -> Int {
            Int::from_bigint(self.to_bigint() - o.to_bigint())
        }
        pub fn mul(&self, o: &Int) -> Int {
            Int::from_bigint(self.to_bigint() * o.to_bigint())
        }
        pub fn neg(&self) -> Int {
            Int::from_bigint(-self.to_bigint())
        }
        pub fn to_f64(&self) -> Result<f64, super::PrimError> {
            Ok(self.to_bigint().to_f64().unwrap_or(f64::NAN))
        }
    }
    impl std::fmt::Display for Int {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{}", self.to_bigint())
        }
    }
    pub fn float_repr(x: f64) -> String {
        format!("{x:?}")
    }
    pub enum Number {
        Int(Int),
        Float(f64),
    }
    fn zde(m: &str) -> super::PrimError {
        super::PrimError { kind: "ZeroDivisionError", message: m.into() }
    }
    impl Int {
        pub fn floordiv(&self, o: &Int) -> Result<Int, super::PrimError> {
            use num_integer::Integer;
            if o.to_bigint() == BigInt::from(0) {
                return Err(zde("integer division or modulo by zero"));
            }
            Ok(Int::from_bigint(self.to_bigint().div_floor(&o.to_bigint())))
        }
        pub fn modulo(&self, o: &Int) -> Result<Int, super::PrimError> {
            use num_integer::Integer;
            if o.to_bigint() == BigInt::from(0) {
                return Err(zde("integer division or modulo by zero"));
            }
            Ok(Int::from_bigint(self.to_bigint().mod_floor(&o.to_bigint())))
        }
        pub fn truediv(&self, o: &Int) -> Result<f64, super::PrimError> {
            if o.to_bigint() == BigInt::from(0) {
                return Err(zde("division by zero"));
            }
            Ok(self.to_f64()? / o.to_f64()?)
        }
        pub fn pow(&self, o: &Int) -> Result<Number, super::PrimError> {
            match o.to_i64() {
                Some(e) if e >= 0 && e < 10000 => Ok(Number::Int(Int::from_bigint(num_traits::pow(self.to_bigint(), e as usize)))),
                _ => Ok(Number::Float(self.to_f64()?.powf(o.to_f64()?))),
            }
        }
        pub fn abs(&self) -> Int {
            Int::from_bigint(num_traits::Signed::abs(&self.to_bigint()))
        }
    }
    pub fn int_float_cmp(a: &Int, b: f64) -> Option<std::cmp::Ordering> {
        a.to_f64().ok()?.partial_cmp(&b)
    }
    pub fn float_truediv(a: f64, b: f64) -> Result<f64, super::PrimError> {
        if b == 0.0 { Err(zde("float division by zero")) } else { Ok(a / b) }
    }
    pub fn float_floordiv(a: f64, b: f64) -> Result<f64, super::PrimError> {
        if b == 0.0 { Err(zde("float floor division by zero")) } else { Ok((a / b).floor()) }
    }
    pub fn float_mod(a: f64, b: f64) -> Result<f64, super::PrimError> {
        if b == 0.0 { return Err(zde("float modulo")); }
        let r = a % b;
        Ok(if r != 0.0 && (r < 0.0) != (b < 0.0) { r + b } else { r })
    }
    pub fn float_pow(a: f64, b: f64) -> Result<f64, super::PrimError> {
        Ok(a.powf(b))
    }
    pub fn str_repr(s: &str) -> String {
        format!("'{s}'")
    }
}
