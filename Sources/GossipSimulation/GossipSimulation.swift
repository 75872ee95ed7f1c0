// GossipSimulation: gossipsub routers on the simulator's virtual clock.
//
// Owns `SimulatedGossipNode` (a `GossipRouter` as a `SimulatedNode`: RPCs travel as their
// protobuf bytes, deliveries are recorded with their virtual time), `GossipTopology`
// (random connected graphs with a fixed latency per link) and `GossipSimulationRun` (one
// scenario: publish from random nodes, then the figures: delivery ratio, latency
// percentiles against shortest paths, duplicates and bytes per node per message).
//
// May import: Gossip, Simulation, Identity, Sodium.
