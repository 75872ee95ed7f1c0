// InferenceAPI: the node's HTTP API on IO's sockets. Any node serves its routes (the
// ledger's REST routes, the Prometheus metrics page, admin routes behind a bearer token);
// a host adds OpenAI-compatible inference served by OpenLoRA's BatchScheduler. The protocol
// work is HTTP's (sans-IO); this module carries it out on libuv.
//
// What it owns
//   APIServer              listener, connections, routes, /metrics; start/stop on an
//                          EventLoop; `handle` serves a request from another transport
//   InferenceServer        the OpenAI routes over a scheduler, on an APIServer
//   APIConnection          one socket: reads into HTTPServerConnection, writes its bytes,
//                          holds what the socket's queue refused (bounded), closes
//   BufferedExchange       the answer to a request from this process, gathered whole
//   APIResponder           answers one request from any thread (hops to the loop)
//   CompletionParameters   the request fields honoured, range-checked (400 otherwise)
//   CompletionSession      tokens → text as they stream: StreamingDecoder + stop strings
//   CompletionResponses    OpenAI's response and chunk shapes
//   CompletionObserver     the node's hook: each finished completion → the `"oln"` field
//   AdapterCatalog         the adapters served (AdapterRegistry: names → loaders → AdapterCache)
//   BearerAuthorization    constant-time check of `Authorization: Bearer <token>`
//   APIValue, APIError     JSON written by the API; errors in OpenAI's shape
//
// It imports HTTP, IO, OpenLoRA, Tokenizers, ModelFiles (its bounded JSON parser reads
// request bodies), Synchronization and Foundation (wall-clock `created` times).
//
// A completion's path through the threads
//
//   loop thread        worker pool              scheduler thread          loop thread
//   parse JSON  ──►  tokenize prompt,     ──►  submit ─► prefill, decode ─► onToken: decode
//   route, check      lease adapter,             one token per step        text, stop strings,
//                     check context                                        SSE chunk (stream)
//                                                    onFinish ──► count, observer on the
//                                                                 worker pool ──► answer / last
//                                                                 chunk + data: [DONE]
//
// Limits (named, enforced): APIServerConfiguration.connectionCountMax,
// outputBacklogByteCountMax; InferenceServerConfiguration.completionBodyByteCountMax, maximumTokenCountMax; HTTP's
// parser and connection limits; CompletionParameters.stopStringCountMax,
// stopStringByteCountMax, messageCountMax; AdapterRegistry.adapterCountMax; the
// scheduler's queue (429 when full).
