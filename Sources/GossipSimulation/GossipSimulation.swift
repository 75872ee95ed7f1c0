// GossipSimulation: gossipsub routers on the simulator's virtual clock.
//
// Owns `SimulatedGossipNode` (a `GossipRouter` as a `SimulatedNode`: RPCs travel as their
// protobuf bytes, deliveries are recorded with their virtual time; with an uplink
// bandwidth the router's peers are metered, and each time the uplink is idle the node
// gives room to the peers with urgent RPCs, then to one peer with forwards in turn; with a
// validation delay it validates asynchronously, accepting each message after that delay;
// `.connect` actions are ignored, as the topology is fixed), `GossipTopology`
// (random connected graphs with a fixed latency per link) and `GossipSimulationRun` (one
// scenario: publish from random nodes, then the figures: delivery ratio, latency
// percentiles against shortest paths, duplicates and bytes per node per message).
//
// May import: Gossip, Simulation, Identity, Sodium.
