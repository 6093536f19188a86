//! Prebuilt constants: host values as low-level constants of a given
//! representation.

use frontend::host::{Object, Value};
use lltype::{ConstValue, Constant, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

impl Rtyper<'_, '_> {
    /// The host value `v` in the representation `want`.
    pub fn constant(
        &mut self,
        cx: &mut GraphCx,
        v: &Value,
        want: &Repr,
    ) -> Result<Operand, RtypeError> {
        self.constant_value(v, want)
            .map(Operand::Const)
            .map_err(|m| cx.error(m))
    }

    /// The host value `v` as a low-level constant of the representation
    /// `want`, or why it cannot be one.
    pub fn constant_value(&mut self, v: &Value, want: &Repr) -> Result<Constant, String> {
        let ty = self.lltype(want);
        let value = match (want, v) {
            (Repr::Void, _) => ConstValue::Void,
            (Repr::Bool, Value::Bool(b)) => ConstValue::Bool(*b),
            (Repr::Bool, Value::Int(i)) => ConstValue::Bool(*i != 0),
            (Repr::Int, Value::Int(i)) => ConstValue::Int((*i).into()),
            (Repr::Int, Value::Bool(b)) => ConstValue::Int((*b).into()),
            (Repr::Uint, Value::Int(i)) => ConstValue::Int((*i as u64).into()),
            (Repr::Uint, Value::Bool(b)) => ConstValue::Int((*b).into()),
            (Repr::Float, Value::Float(f)) => ConstValue::Float(f.to_bits()),
            (Repr::Float, Value::Int(i)) => ConstValue::Float((*i as f64).to_bits()),
            (Repr::Float, Value::Bool(b)) => ConstValue::Float((*b as u8 as f64).to_bits()),
            (Repr::UniChar, Value::Str(s)) if s.char_len() == 1 => {
                let c = s.as_str().chars().next().expect("one character");
                ConstValue::Int((c as u32).into())
            }
            (Repr::Str, Value::Str(s)) => return Ok(self.str_constant(s.as_str())),
            (Repr::File, Value::Ref(_)) => return self.file_constant(v),
            (Repr::Bytes, Value::Bytes(b)) => return Ok(self.bytes_constant(b)),
            (Repr::Char, Value::Bytes(b)) if b.len() == 1 => ConstValue::Int(b[0].into()),
            (Repr::Address, _) => return self.address_constant(v),
            (
                Repr::Str
                | Repr::Bytes
                | Repr::Instance(_)
                | Repr::Class
                | Repr::List(_)
                | Repr::FixedList(_)
                | Repr::Tuple(_)
                | Repr::Dict(..)
                | Repr::Set(_)
                | Repr::File,
                Value::None,
            ) => ConstValue::Null,
            (Repr::Dict(..) | Repr::Set(_), Value::Ref(r))
                if matches!(
                    self.ann.vm().heap.get(*r),
                    Object::Dict(_) | Object::Set { .. }
                ) =>
            {
                return self.prebuilt_dict(*r, want);
            }
            (Repr::Class, Value::Ref(r))
                if matches!(self.ann.vm().heap.get(*r), Object::Class(_)) =>
            {
                let c = self.ann.classdef(*r);
                return Ok(self.vtable_constant(c));
            }
            _ => return self.prebuilt(v, want),
        };
        Ok(Constant::new(value, ty))
    }

    /// A prebuilt `llmemory.Address`: only `NULL` has a meaning in the
    /// translated program.
    fn address_constant(&mut self, v: &Value) -> Result<Constant, String> {
        let address = self.t.address;
        let vm = self.ann.vm();
        if let Value::Ref(r) = v {
            if let Object::Instance(i) = vm.heap.get(*r) {
                if let Some(Value::Int(0)) = i.dict.get(&frontend::host::PyStr::new("intaddress")) {
                    return Ok(Constant::new(ConstValue::Null, address));
                }
            }
        }
        Err("an address constant other than NULL cannot be translated".into())
    }
}
