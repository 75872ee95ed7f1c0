// oln-bench: prints the figures that the project's speed and memory targets are checked
// against. `Scripts/bench SUITE` builds it in release mode and runs it.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "p2p":
    P2PBenchmarks.run(arguments: Array(arguments.dropFirst()))
case "gossip-sim":
    GossipSimulationBenchmark.run(arguments: Array(arguments.dropFirst()))
case "idle-listener":
    IdleListener.run(arguments: Array(arguments.dropFirst()))
default:
    FileHandle.standardError.write(Data("""
        usage: oln-bench p2p [--megabytes N] [--connections N]
               oln-bench gossip-sim [--nodes N] [--messages N] [--loss FRACTION] [--seed S]
                                    [--message-bytes N] [--idontwant-threshold N] [--no-flood-publish]
          p2p          encrypted stream throughput against raw TCP, connection set-ups per
                       second, and the memory of idle connections held by one node
          gossip-sim   gossipsub routers on the simulator: delivery, latency against shortest
                       paths, duplicates and bytes per node per message, wall time

        """.utf8))
    exit(2)
}
