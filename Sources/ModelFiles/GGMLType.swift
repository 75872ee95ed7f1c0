/// A ggml tensor element type, with the type ids GGUF files store (ggml.h's `ggml_type`).
///
/// Every type stores its elements in blocks: `blockElementCount` elements in
/// `blockByteCount` bytes (1 and the element width for the plain types). A row's length must
/// be a whole number of blocks. Case names follow ggml's type names (`Q4_0` is `.q4_0`).
/// Type ids that ggml has retired (4, 5, 31–33, 36–38) are unknown here.
public enum GGMLType: UInt32, Sendable, CaseIterable {
    case f32 = 0
    case f16 = 1
    case q4_0 = 2
    case q4_1 = 3
    case q5_0 = 6
    case q5_1 = 7
    case q8_0 = 8
    case q8_1 = 9
    case q2_k = 10
    case q3_k = 11
    case q4_k = 12
    case q5_k = 13
    case q6_k = 14
    case q8_k = 15
    case iq2_xxs = 16
    case iq2_xs = 17
    case iq3_xxs = 18
    case iq1_s = 19
    case iq4_nl = 20
    case iq3_s = 21
    case iq2_s = 22
    case iq4_xs = 23
    case i8 = 24
    case i16 = 25
    case i32 = 26
    case i64 = 27
    case f64 = 28
    case iq1_m = 29
    case bf16 = 30
    case tq1_0 = 34
    case tq2_0 = 35
    case mxfp4 = 39
    case nvfp4 = 40
    case q1_0 = 41

    /// Elements per block.
    public var blockElementCount: Int { layout.elements }

    /// Bytes per block.
    public var blockByteCount: Int { layout.bytes }

    /// The type's name as ggml and gguf-py spell it, such as "Q4_0" or "BF16".
    public var name: String { "\(self)".uppercased() }

    /// Whether `GGMLDequantizer` can convert this type to Float.
    public var isDequantizable: Bool {
        switch self {
        case .f32, .f16, .bf16, .q8_0, .q4_0, .q4_1, .q5_0, .q5_1: true
        default: false
        }
    }

    /// The bytes of a row of `rowLength` elements, or nil when the row is not a whole number
    /// of blocks or its size overflows.
    public func rowByteCount(rowLength: Int) -> Int? {
        guard rowLength >= 0, rowLength % blockElementCount == 0 else { return nil }
        let (bytes, overflow) = (rowLength / blockElementCount).multipliedReportingOverflow(by: blockByteCount)
        return overflow ? nil : bytes
    }

    private static let superBlock = 256  // ggml's QK_K

    /// (elements, bytes) per block, from ggml-common.h.
    private var layout: (elements: Int, bytes: Int) {
        let k = Self.superBlock
        switch self {
        case .f32, .i32: return (1, 4)
        case .f16, .bf16, .i16: return (1, 2)
        case .i8: return (1, 1)
        case .i64, .f64: return (1, 8)
        case .q4_0, .iq4_nl: return (32, 2 + 16)
        case .q4_1: return (32, 2 + 2 + 16)
        case .q5_0: return (32, 2 + 4 + 16)
        case .q5_1: return (32, 2 + 2 + 4 + 16)
        case .q8_0: return (32, 2 + 32)
        case .q8_1: return (32, 2 + 2 + 32)
        case .mxfp4: return (32, 1 + 16)
        case .nvfp4: return (64, 4 + 32)
        case .q1_0: return (128, 2 + 16)
        default: return (k, superBlockByteCount(k))
        }
    }

    private func superBlockByteCount(_ k: Int) -> Int {
        switch self {
        case .q2_k: 2 + 2 + k / 16 + k / 4
        case .q3_k: 2 + k / 4 + k / 8 + 12
        case .q4_k: 2 + 2 + k / 2 + 12
        case .q5_k: 2 + 2 + k / 2 + k / 8 + 12
        case .q6_k: 2 + k / 2 + k / 4 + k / 16
        case .q8_k: 4 + k + k / 8
        case .iq2_xxs: 2 + k / 4
        case .iq2_xs: 2 + k / 4 + k / 32
        case .iq3_xxs: 2 + k / 4 + k / 8
        case .iq1_s: 2 + k / 8 + k / 16
        case .iq3_s: 2 + k / 4 + k / 8 + k / 32 + 4
        case .iq2_s: 2 + k / 4 + k / 16
        case .iq4_xs: 2 + 2 + k / 2 + k / 64
        case .iq1_m: k / 8 + k / 16 + k / 32
        case .tq1_0: 2 + 4 * 13
        case .tq2_0: 2 + 64
        default: preconditionFailure("\(self) is not a 256-element super-block type")
        }
    }
}
