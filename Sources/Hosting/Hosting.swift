// Hosting: every node's HTTP API, and the host role. The API serves the ledger's REST routes
// and the node's metrics; a host adds a base model and the adapters trained on it over the
// OpenAI-compatible routes, and turns every answer into a signed inference receipt with its
// attribution, submitted to the chain through the node. The attribution setup here is the
// one auditors (module Audit) rebuild to check receipts.
//
// What it owns
//   NodeAPI            the node's APIServer on an event loop of its own: LedgerRoutes,
//                      NodeMetrics, /v1/oln/node; started beside a running NodeRuntime
//   HostService        the scheduler thread, the inference routes on the NodeAPI, the
//                      refresh timer
//   AdapterShelf       adapters published by TrainingResults on this base model whose
//                      bundles the blob store holds: unpacked and registered by hash
//   AttributionCorpus  the contributions of the datanet versions an adapter was trained on
//   SpanIndexShelf     span/1 indexes of corpora, built from the payloads
//   InfluenceShelf     influence/1 per adapter (InfluenceAttributionEntry: the gradient
//                      store, the adapter, the corpus's content map and near-duplicate
//                      clusters)
//   AttributionInput   the tokens attribution runs over, derived from the revealed texts
//   ReceiptIssuer      the API's CompletionObserver: admits paid requests (a client's fee
//                      authorisation, or the node's own token), attributes the output,
//                      reveals prompt and output as blobs, signs and submits the receipt,
//                      and answers with its fields
//   FeeAuthorizationHeader  the client's signed authorisation, as the request carries it
//   InferProtocol      /oln/infer/1: the inference routes over libp2p, one exchange per
//                      stream, served by the API's APIServer.handle as from /p2p/<peer id>
//   InferRequest, InferResponse, InferHeaders  its protobuf messages:
//                      InferRequest  { 1 method, 2 target, 3* Header, 4 body }
//                      InferResponse { 1 status, 2* Header, 3 body }
//                      Header        { 1 name, 2 value }
//   LedgerRoutes       the ledger and network REST routes (/v1/oln/…): chain, accounts,
//                      datanets, contributions, models, receipts, payouts, and submitting
//                      signed transactions (bearer token); queries on a connection and queue
//                      of their own
//   NodeMetrics        the node's Prometheus families (peers, mempool, heights, finality
//                      lag, gossip totals and by topic)
//
// It imports Node (the runtime, blob store, directory), Gossip (its counters), InferenceAPI,
// IO and HTTP (the server), OpenLoRA and Tokenizers (the model), Attribution (span/1),
// InfluenceAttribution, LoRATraining and ModelFactory (influence/1, payload rows), Ledger,
// Identity, Wire and Sodium.
