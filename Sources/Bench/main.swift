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
case "ledger":
    LedgerBenchmark.run(arguments: Array(arguments.dropFirst()))
case "ledger-apply":
    LedgerApplyCommand.run(arguments: Array(arguments.dropFirst()))
case "model":
    ModelBenchmark.run(arguments: Array(arguments.dropFirst()))
case "attribution":
    AttributionBenchmark.run(arguments: Array(arguments.dropFirst()))
case "training":
    TrainingBenchmark.run(arguments: Array(arguments.dropFirst()))
case "finetune":
    FinetuneBenchmark.run(arguments: Array(arguments.dropFirst()))
case "influence":
    InfluenceBenchmark.run(arguments: Array(arguments.dropFirst()))
case "processes":
    ProcessThroughputBenchmark.run(arguments: Array(arguments.dropFirst()))
case "catch-up":
    NodeCatchUpBenchmark.run(arguments: Array(arguments.dropFirst()))
default:
    FileHandle.standardError.write(Data("""
        usage: oln-bench p2p [--megabytes N] [--connections N]
               oln-bench gossip-sim [--nodes N] [--messages N] [--loss FRACTION] [--seed S]
                                    [--message-bytes N] [--idontwant-threshold N] [--no-flood-publish]
                                    [--bandwidth-mbit M] [--send-buffer-bytes N] [--mesh D,D_LO,D_HI]
                                    [--no-choke] [--unchoked N] [--silent F] [--flood N] [--eclipse N]
               oln-bench ledger [--batches N] [--transactions N] [--accounts N] [--seed S]
                                [--warm-up-batches N]
               oln-bench attribution [--tokens N] [--queries Q] [--output-tokens L] [--seed S]
               oln-bench training [--model FILE] [--threads N] [--tokens N] [--rank R] [--steps N]
                                  [--pytorch-python PYTHON]
               oln-bench finetune [--steps N] [--threads N]
               oln-bench catch-up [--transactions N] [--senders N] [--slot-ms MS]
               oln-bench processes [--nodes N] [--transactions N] [--senders N] [--slot-ms MS] [--oln PATH] [--keep]
               oln-bench influence [--model FILE] [--threads N] [--examples N] [--queries N] [--facts N]
                                   [--steps N] [--learning-rate LR] [--q-v] [--generated N]
                                   [--projection-dimension K] [--scoring-only]
               oln-bench model [--model FILE] [--threads N] [--llama-cpp-python PYTHON]
                               [--prompt-tokens N] [--decode-tokens N] [--adapters N]
          p2p          encrypted stream throughput against raw TCP, connection set-ups per
                       second, and the memory of idle connections held by one node
          gossip-sim   gossipsub routers on the simulator: delivery, latency against shortest
                       paths, duplicates and bytes per node per message, wall time
          attribution  span index build tokens/s, file size, query and verification latency
                       for 256-token outputs over a synthetic datanet
          model        SmolLM2-135M Q4_1: decode and prompt tokens/s against llama.cpp, 32 requests
                       with 32 adapters vs one, adapter load time, 1,000 adapters under an LRU budget
          training     LoRA forward+backward tokens/s on SmolLM2-135M Q4_1 (rank 8, all-linear), beside
                       PyTorch + PEFT on the same file, and peak memory
          finetune     ModelFactory on SmolLM2 with made-up facts: validation loss and answers before/after
          influence    influence/1: DataInf scoring ms/query over 10,000 stored examples (k = 4096), and the
                       planted-fact benchmark on SmolLM2 (top-1/top-5, verification cost)
          ledger       mixed workload batches applied to an on-disk ledger: tx/s applying, tx/s
                       with signature verification, and the raw Ed25519 verify rate beside it

        """.utf8))
    exit(2)
}
