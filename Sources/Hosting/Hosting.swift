// Hosting: the host role of a node. It serves a base model and the adapters trained on it
// over the OpenAI-compatible API, and turns every answer into a signed inference receipt
// with its attribution, submitted to the chain through the node.
//
// What it owns
//   HostService        the scheduler thread, the API's event loop and server, the refresh
//                      timer; started beside a running NodeRuntime
//   AdapterShelf       adapters published by TrainingResults on this base model whose
//                      bundles the blob store holds: unpacked and registered by hash
//   SpanIndexShelf     span/1 indexes of datanet versions, built from the payloads
//   ReceiptIssuer      the API's CompletionObserver: admits paid requests (a client's fee
//                      authorisation, or the node's own token), attributes the output,
//                      signs and submits the receipt, and answers with its fields
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
//   NodeMetrics        the node's Prometheus families (peers, mempool, heights, finality lag)
//
// It imports Node (the runtime, blob store, directory), InferenceAPI and HTTP (the server),
// OpenLoRA and Tokenizers (the model), Attribution (span/1), ModelFactory (payload rows),
// Ledger, Identity, Wire and Sodium.
