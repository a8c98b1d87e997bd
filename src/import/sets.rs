//! The model's closed sets an import reads (by code or label), listed once: each
//! with the name a message gives it and the codes it lists as choices.

use crate::model::*;

/// The closed sets of the model, read by code or label.
pub trait Closed: Copy + 'static {
    const SET: Set;
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    fn zh(self) -> &'static str;
    fn en(self) -> &'static str;
}

macro_rules! closed_sets {
    ($($t:ident $zh:literal $en:literal;)*) => {
        /// Which closed set a value must belong to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Set { $($t,)* }

        impl Set {
            /// The set's name in Chinese, as a message gives it.
            pub fn zh(self) -> &'static str { match self { $(Set::$t => $zh,)* } }
            /// The set's name in English.
            pub fn en(self) -> &'static str { match self { $(Set::$t => $en,)* } }
            fn codes(self) -> Vec<&'static str> {
                match self { $(Set::$t => $t::ALL.iter().map(|v| v.code()).collect(),)* }
            }
        }

        $(impl Closed for $t {
            const SET: Set = Set::$t;
            fn all() -> &'static [Self] { $t::ALL }
            fn code(self) -> &'static str { $t::code(self) }
            fn zh(self) -> &'static str { $t::zh(self) }
            fn en(self) -> &'static str { $t::en(self) }
        })*
    };
}

closed_sets! {
    Kind "类型" "kind";
    Unit "单位" "unit";
    Qualifier "限定词" "qualifier";
    Category "类别" "category";
    SubjectType "对象类型" "subject type";
    Precision "时间精度" "precision";
    YearBasis "年份依据" "year basis";
    Region "区域" "region";
}

impl Set {
    /// The codes of the set, as a message lists them (the first twelve units, and
    /// where to find the rest).
    pub fn choices(self) -> String {
        let codes = self.codes();
        match self {
            Set::Unit => format!("{} … (DATA.md §2.2)", codes[..12].join(", ")),
            _ => codes.join(", "),
        }
    }
}
