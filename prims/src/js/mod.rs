//! ECMAScript primitives as Node 20 implements them. Numbers are `f64`;
//! strings are UTF-16 in JS but `&str` here (see [`string`] for the one
//! deviation this causes).

mod number;
mod string;

pub use number::*;
pub use string::*;
