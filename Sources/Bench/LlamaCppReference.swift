import Foundation

/// llama.cpp on the same GGUF, through PyPI's llama-cpp-python (a Python interpreter that can
/// import `llama_cpp`, such as a venv made with `pip install llama-cpp-python==0.3.36`): the
/// same prompt and decode token ids, the same thread count, best of three, timed in Python
/// around `Llama.eval`.
struct LlamaCppReference {
    let prompt: Double
    let decode: Double
    let version: String

    /// The script run by the interpreter: arguments model path, threads, then JSON of the
    /// prompt and decode ids; prints one JSON object.
    static let script = #"""
        import json, sys, time
        import llama_cpp
        path, threads, prompt, steps = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
        llm = llama_cpp.Llama(model_path=path, n_ctx=len(prompt) + len(steps) + 8, n_batch=512, n_ubatch=512,
                              n_threads=threads, n_threads_batch=threads, verbose=False)
        llm.eval(prompt[:8])
        best_prompt = best_decode = 0.0
        for _ in range(3):
            llm.reset()
            start = time.perf_counter()
            llm.eval(prompt)
            best_prompt = max(best_prompt, len(prompt) / (time.perf_counter() - start))
            start = time.perf_counter()
            for token in steps:
                llm.eval([token])
            best_decode = max(best_decode, len(steps) / (time.perf_counter() - start))
        print(json.dumps({"prompt": best_prompt, "decode": best_decode, "version": llama_cpp.__version__}))
        """#

    /// Runs the script; a failure says why (no interpreter, no llama_cpp, a crash).
    static func measure(python: String, modelPath: String, threadCount: Int, prompt: [Int],
                        decodeTokens: [Int]) -> Result<LlamaCppReference, BenchmarkFailure> {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return .failure(BenchmarkFailure("no Python at \(python) (set OLN_LLAMA_CPP_PYTHON or "
                                                + "--llama-cpp-python to one with llama-cpp-python installed)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, modelPath, String(threadCount), json(prompt), json(decodeTokens)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return .failure(BenchmarkFailure("cannot run \(python): \(error)"))
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lastLine = text.split(separator: "\n").last.map(String.init) ?? ""
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any],
              let prompt = object["prompt"] as? Double, let decode = object["decode"] as? Double else {
            let reason = lastLine.isEmpty ? "exit status \(process.terminationStatus)" : lastLine
            return .failure(BenchmarkFailure("llama-cpp-python failed: \(reason)"))
        }
        return .success(LlamaCppReference(prompt: prompt, decode: decode, version: "llama-cpp-python "
                                          + ((object["version"] as? String) ?? "?")))
    }

    private static func json(_ ids: [Int]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
