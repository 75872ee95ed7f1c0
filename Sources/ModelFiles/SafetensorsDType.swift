/// A safetensors element type, spelled as in the header's "dtype" field.
///
/// Every dtype the reference implementation knows is read (so a file is never refused for a
/// tensor the caller does not use); only F32, F16 and BF16 have a `ggmlType` and can be
/// viewed for compute. Cases are declared in the reference's order, which its writer (and
/// `SafetensorsWriter`) uses to lay tensors out: widest types first.
public enum SafetensorsDType: String, Sendable, CaseIterable {
    case bool = "BOOL"
    case f4 = "F4"
    case f6E2M3 = "F6_E2M3"
    case f6E3M2 = "F6_E3M2"
    case u8 = "U8"
    case i8 = "I8"
    case f8E5M2 = "F8_E5M2"
    case f8E4M3 = "F8_E4M3"
    case f8E8M0 = "F8_E8M0"
    case f8E4M3FNUZ = "F8_E4M3FNUZ"
    case f8E5M2FNUZ = "F8_E5M2FNUZ"
    case i16 = "I16"
    case u16 = "U16"
    case f16 = "F16"
    case bf16 = "BF16"
    case i32 = "I32"
    case u32 = "U32"
    case f32 = "F32"
    case c64 = "C64"
    case f64 = "F64"
    case i64 = "I64"
    case u64 = "U64"

    /// Bits per element (F4 and F6 elements are packed: a tensor's bits must fill whole bytes).
    public var bitCount: Int {
        switch self {
        case .f4: 4
        case .f6E2M3, .f6E3M2: 6
        case .bool, .u8, .i8, .f8E5M2, .f8E4M3, .f8E8M0, .f8E4M3FNUZ, .f8E5M2FNUZ: 8
        case .i16, .u16, .f16, .bf16: 16
        case .i32, .u32, .f32: 32
        case .c64, .f64, .i64, .u64: 64
        }
    }

    /// The ggml type the tensor can be viewed as for compute, or nil when it cannot be.
    public var ggmlType: GGMLType? {
        switch self {
        case .f32: .f32
        case .f16: .f16
        case .bf16: .bf16
        default: nil
        }
    }

    /// The bytes `elementCount` elements occupy, or nil when they overflow or do not fill
    /// whole bytes.
    public func byteCount(elementCount: Int) -> Int? {
        let bits = elementCount.multipliedReportingOverflow(by: bitCount)
        guard !bits.overflow, bits.partialValue % 8 == 0 else { return nil }
        return bits.partialValue / 8
    }

    /// The position in the reference implementation's declaration order.
    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
