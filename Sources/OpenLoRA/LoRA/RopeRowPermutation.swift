/// llama.cpp's Q/K row permutation (convert_hf_to_gguf.py `LlamaModel.permute`): per head of
/// `headDimension` rows, Hugging Face row i (first half) becomes row 2i and row
/// i + headDimension/2 becomes row 2i + 1, so ggml's rotation of adjacent pairs equals
/// Hugging Face's `rotate_half`. A LoRA B trained on Hugging Face weights gets the same
/// permutation of its rows to apply to a GGUF base: (P·W + s·P·B·A)·x = P·(W + s·BA)·x.
public enum RopeRowPermutation {
    /// Rows of `values` ([rows, rowLength]) from the halves layout to the interleaved one.
    public static func interleave(_ values: [Float], rowLength: Int, headDimension: Int) -> [Float] {
        permute(values, rowLength: rowLength, headDimension: headDimension, toInterleaved: true)
    }

    /// The inverse: rows from the interleaved layout back to Hugging Face's halves.
    public static func deinterleave(_ values: [Float], rowLength: Int, headDimension: Int) -> [Float] {
        permute(values, rowLength: rowLength, headDimension: headDimension, toInterleaved: false)
    }

    private static func permute(_ values: [Float], rowLength: Int, headDimension: Int, toInterleaved: Bool)
        -> [Float] {
        precondition(headDimension > 0 && headDimension % 2 == 0, "RoPE heads have an even dimension")
        precondition(rowLength > 0 && values.count % (rowLength * headDimension) == 0, "rows are whole heads")
        let rowCount = values.count / rowLength, half = headDimension / 2
        var result = [Float](repeating: 0, count: values.count)
        for row in 0..<rowCount {
            let head = row / headDimension, within = row % headDimension
            // Interleaved row 2i + j of a head holds halves row j · half + i.
            let halvesRow = head * headDimension + (within % 2) * half + within / 2
            let (source, destination) = toInterleaved ? (halvesRow, row) : (row, halvesRow)
            for column in 0..<rowLength {
                result[destination * rowLength + column] = values[source * rowLength + column]
            }
        }
        return result
    }
}
