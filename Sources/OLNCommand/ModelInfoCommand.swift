import Foundation
import OpenLoRA

/// `oln model info FILE`: what a model file holds and whether this runtime can run it.
enum ModelInfoCommand {
    static func run(_ parser: inout ArgumentParser, console: Console) throws -> ExitCode {
        let topic = "model info"
        let json = parser.takeFlag("--json")
        guard let path = parser.nextPositional() else {
            throw UsageError("'oln model info' needs FILE: a GGUF file or a Hugging Face model folder", topic: topic)
        }
        try parser.finish(topic: topic)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("\(path) does not exist")
        }
        let summary = isDirectory.boolValue
            ? try ModelSummary(huggingFaceDirectory: path) : try ModelSummary(ggufFile: path)
        if json {
            console.print(try ModelSummaryRendering.json(summary))
        } else {
            ModelSummaryRendering.text(summary).forEach(console.print)
        }
        return .success
    }
}
