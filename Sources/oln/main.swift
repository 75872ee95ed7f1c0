// The oln executable: hands the command line to OLNCommand and exits with its code.
import Foundation
import OLNCommand

let arguments = Array(CommandLine.arguments.dropFirst())
let code = OLNCommand.run(arguments, environment: ProcessInfo.processInfo.environment, console: .standard())
exit(code.rawValue)
