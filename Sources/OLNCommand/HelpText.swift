/// The help texts, one per command. They list only what exists.
enum HelpText {
    static let main = """
        oln \(OLNCommand.version): a peer of the oln network, where communities pool data in Datanets,
        fine-tune LoRA adapters on them, serve inference, and pay contributors by attribution.

        Usage: oln <command> [options]

        Commands:
          init             Set up a node's data directory: key, configuration, genesis, ledger
          join             Set up a data directory for a published testnet from its descriptor
          run              Run the node of a data directory until Ctrl-C
          status           Print a node's heights, slot, leader, peers and mempool
          account          Print an account's balance, nonce, stakes and payouts
          transfer         Sign a transfer with the node's key and submit it (also: tx transfer)
          stake, unstake   Bond tokens to a role (sequencer, validator, curator, host) or unbond them
          datanet          Create datanets, contribute files, list and show them
          vote             Vote as a curator on a pending contribution
          gov              Propose and vote on governed parameters; list them
          train            Fine-tune a LoRA adapter on a datanet version (ModelFactory)
          infer            Ask a host (HTTP or libp2p), paying with a fee authorisation; show the receipt
          receipts         List inference receipts and their attribution
          payouts          List what an account was paid
          keys generate    Create an Ed25519 identity key (libp2p peer id and account address)
          keys show        Print the peer id and account address of a key file
          p2p listen       Accept libp2p connections and log each peer's identify result
          p2p ping         Connect to a peer, identify it and measure round-trip times
          chain export     Write the finalized chain to a self-verifying file
          chain import     Verify and apply a chain history file to the ledger
          genesis example  Print a genesis spec shaped like the published token schedule
          genesis check    Validate a genesis spec and print its hash and state root
          genesis init     Write a genesis into the ledger database
          gossip sub       Print the messages of a gossipsub topic as JSON lines
          gossip pub       Publish one message on a gossipsub topic
          model info       Describe a model file: architecture, sizes, tensor types, tokenizer
          model run        Generate text with a model (and a LoRA adapter), streamed to stdout
          model register   Register a base model on the ledger by its file's hash
          model list       List registered base models and trained adapters
          version          Print the version
          help <command>   Show the help of a command

        Options:
          -h, --help       Show this help
          -V, --version    Print the version

        Environment:
          OLN_DATA_DIR     The data directory (default: ~/.oln)
          OLN_CACHE_DIR    Downloaded models, under models/ (default: ~/.cache/oln)

        Run 'oln help <command>' or 'oln <command> --help' for a command's options.
        """

    static let keys = """
        Usage: oln keys <generate | show> [options]

        Manage the node's Ed25519 identity key. One key gives both the libp2p peer id
        (12D3KooW…) and the ledger account address (0x…).

        Subcommands:
          generate    Create a new key file
          show        Print the peer id and account address of a key file

        Run 'oln keys generate --help' or 'oln keys show --help' for their options.
        """

    static let keysGenerate = """
        Usage: oln keys generate [--out FILE] [--force] [--json]

        Creates a new random Ed25519 key and writes it with mode 0600, then prints its peer id
        and account address.

        Options:
          --out FILE   Where to write the key (default: $OLN_DATA_DIR/node.key, ~/.oln/node.key)
          --force      Replace an existing key file (the old key is lost)
          --json       Print the result as one JSON object
        """

    static let keysShow = """
        Usage: oln keys show [FILE] [--json]

        Prints the libp2p peer id and the account address of a key file. A key file that
        other users can read is refused; fix it with chmod 600.

        Arguments:
          FILE         The key file (default: $OLN_DATA_DIR/node.key, ~/.oln/node.key)

        Options:
          --json       Print the result as one JSON object
        """

    static let p2p = """
        Usage: oln p2p <listen | ping> [options]

        Check that two machines can talk libp2p: TCP, Noise, yamux, identify and ping.

        Subcommands:
          listen      Accept connections and log each peer
          ping        Dial a peer and measure round-trip times

        Run 'oln p2p listen --help' or 'oln p2p ping --help' for their options.
        """

    static let p2pListen = """
        Usage: oln p2p listen [--listen MULTIADDR] [--key FILE] [--duration SECONDS]

        Listens for libp2p connections, prints the full address to give to other peers
        (with /p2p/<peer id>), and logs every peer that connects with its identify result.
        Runs until interrupted (Ctrl-C) or for --duration seconds.

        Options:
          --listen MULTIADDR   Where to listen (default: /ip4/0.0.0.0/tcp/4001; port 0 picks one)
          --key FILE           The identity key (default: $OLN_DATA_DIR/node.key, else a temporary key)
          --duration SECONDS   Stop after this long
        """

    static let p2pPing = """
        Usage: oln p2p ping MULTIADDR [--count N] [--timeout SECONDS] [--key FILE]

        Connects to the peer at MULTIADDR (e.g. /ip4/192.0.2.7/tcp/4001/p2p/12D3KooW…),
        prints its peer id and the protocols it announces in identify, then pings it and
        prints each round-trip time. Exits 0 when every ping was answered.

        Options:
          --count N            Pings to send (default: 3)
          --timeout SECONDS    Give up after this long (default: 15)
          --key FILE           The identity key (default: $OLN_DATA_DIR/node.key, else a temporary key)
        """

    static let gossip = """
        Usage: oln gossip <sub | pub> [options]

        Watch and publish on gossipsub topics (/meshsub/1.2.0, 1.1.0, 1.0.0), with messages
        signed by the node's key (StrictSign).

        Run 'oln gossip sub --help' or 'oln gossip pub --help' for their options.
        """

    static let gossipSub = """
        Usage: oln gossip sub --topic T [--peer MULTIADDR]... [--listen MULTIADDR] [--count N] [--key FILE]

        Subscribes to topic T and prints each delivered message as one JSON line:
          {"data_hex":"…","from":"12D3KooW…","seqno":"…","topic":"T"}
        Connects to every --peer and, with --listen, accepts peers too (its addresses go to
        standard error). Exits after N messages with --count, else on Ctrl-C.

        Options:
          --topic T            The topic (required)
          --peer MULTIADDR     A peer to connect to (repeatable)
          --listen MULTIADDR   Also listen here (e.g. /ip4/0.0.0.0/tcp/4002)
          --count N            Exit after N messages
          --key FILE           The identity key (default: $OLN_DATA_DIR/node.key, else a temporary key)
        """

    static let gossipPub = """
        Usage: oln gossip pub --topic T --data-hex HEX --peer MULTIADDR... [--timeout SECONDS] [--key FILE]

        Connects to the peers, waits until one of them is subscribed to T, publishes one
        message with the given bytes, and exits 0 once it was sent to at least one peer.

        Options:
          --topic T            The topic (required)
          --data-hex HEX       The message bytes in hex (required)
          --peer MULTIADDR     A peer to connect to (repeatable; at least one)
          --timeout SECONDS    Give up after this long (default: 15)
          --key FILE           The identity key (default: $OLN_DATA_DIR/node.key, else a temporary key)
        """

    static let initialize = """
        Usage: oln init --genesis FILE [--dir DIR] [--listen MULTIADDR]... [--bootstrap MULTIADDR]...
                        [--role ROLE]... [--auto-curate] [--model FILE [--price TOKENS]]
                        [--api HOST:PORT | --api off] [--audit-model FILE] [--force] [--json]

        Sets up a node's data directory: an identity key (kept if one exists), config.json,
        a copy of the genesis spec, and the ledger database at genesis. Running it again with
        the same genesis keeps the key and the ledger.

        Options:
          --dir DIR              The data directory (default: $OLN_DATA_DIR, else ~/.oln)
          --genesis FILE         The chain's genesis spec (see 'oln genesis example')
          --listen MULTIADDR     Listen address, repeatable (default: /ip4/0.0.0.0/tcp/4001)
          --bootstrap MULTIADDR  Peer to dial at start, with /p2p/<peer id>; repeatable
          --role ROLE            sequencer, validator, curator or host, repeatable; every node relays;
                                 curators and hosts fetch contribution payloads and adapters
          --auto-curate          With --role curator: vote on new contributions by the automatic policy
                                 (reject payloads under 16 bytes, over the datanet's limit, not UTF-8
                                 text, or near-duplicates of earlier ones; accept the rest)
          --model FILE           With --role host: the base model it serves (GGUF file or Hugging Face folder)
          --price TOKENS         With --role host: the price of a thousand tokens (default: 0.001)
          --api HOST:PORT|off    Where the HTTP API listens: the ledger's REST routes and /metrics on
                                 every node, the OpenAI-compatible routes on a host (default:
                                 127.0.0.1:8080; port 0: any free port, shown by 'oln status'; put a
                                 proxy in front to publish it); off turns it off (not with a host)
          --audit-model FILE     Audit the attribution of inference receipts with this base model
                                 (GGUF file or Hugging Face folder; see docs/attribution.md)
          --force                Replace an existing config.json
          --json                 Print one JSON object
        """

    static let chain = """
        Usage: oln chain <export | import> FILE [--dir DIR]

        The finalized batches with their certificates form an append-only, self-verifying
        log: each batch names its parent, each certificate carries more than 2/3 of the
        validator stake, each batch must give the state root its header promises. Export it
        to post history anywhere; import it to restore a ledger without the network.

        Subcommands:
          export FILE [--from HEIGHT]   Write the history from HEIGHT (default 1) to FILE
          import FILE                   Verify and apply the batches the ledger does not hold yet
        """

    static let chainExport = """
        Usage: oln chain export FILE [--dir DIR] [--from HEIGHT]

        Writes the finalized batches of the node's ledger ($OLN_DATA_DIR, else ~/.oln, or
        --dir) from HEIGHT (default 1) to FILE, replacing it atomically.
        """

    static let chainImport = """
        Usage: oln chain import FILE [--dir DIR]

        Verifies each batch of FILE after the ledger's height (parent, certificate, state
        root) and applies it; batches the ledger already holds must match its own. Stops
        at the first batch that does not verify, keeping every batch before it.
        """

    static let genesis = """
        Usage: oln genesis <example | check | init> [options]

        A chain starts from a genesis spec (JSON): its chain id and time, every one of the
        1,000,000,000 tokens placed in balances, vesting allocations, stakes or the treasury,
        and governed parameters that differ from their defaults (docs/ledger.md).

        Subcommands:
          example   Print a spec shaped like the published token schedule
          check     Validate a spec; print its genesis hash and state root
          init      Write the genesis state into the ledger database
        """

    static let genesisExample = """
        Usage: oln genesis example --address ADDRESS [--validator ADDRESS]… [--parameter NAME=VALUE]…
                                   [--chain-id N] [--time UNIX_SECONDS]

        Prints a genesis spec shaped like the published schedule: community 51.71% (16.55% of
        the supply unlocked at start, the rest over 48 months), ecosystem 10% (48 months),
        investors 18.29% and team 15% (12-month cliff, then 36 months), liquidity 5%. All of it
        goes to ADDRESS, which stakes 10,000 tokens as sequencer and as validator. With
        --validator, the liquidity share is split evenly among the validators instead, each
        staking 10,000 tokens as sequencer and 10,000 as validator (a testnet of several nodes).

        Options:
          --address ADDRESS        The account that receives the allocations (see 'oln keys show')
          --validator ADDRESS      A validator and sequencer of the chain; repeat for each
          --parameter NAME=VALUE   A governed parameter that differs from its default, e.g.
                                   slot_milliseconds=1000 (docs/ledger.md); repeatable
          --chain-id N             The chain id (default: 161201)
          --time SECONDS           The genesis time in seconds since 1970 (default: now)
        """

    static let genesisCheck = """
        Usage: oln genesis check SPEC [--json]

        Validates the genesis spec in the file SPEC and prints the chain id, the genesis hash
        that identifies the chain, and the state root after genesis. Every problem is named:
        tokens missing or over the supply, bad addresses, unknown parameters or roles.

        Options:
          --json   Print one JSON object
        """

    static let genesisInit = """
        Usage: oln genesis init SPEC [--db FILE] [--json]

        Writes the genesis state of the spec in SPEC into the ledger database. If the database
        already holds a chain, checks that it was started from the same genesis.

        Options:
          --db FILE   The ledger database (default: $OLN_DATA_DIR/chain.sqlite)
          --json      Print one JSON object
        """

    static let model = """
        Usage: oln model <info | run | register | list> [options]

        Run Llama-architecture models on the CPU: GGUF files (F32, F16, BF16, Q8_0, Q4_0, Q4_1)
        or Hugging Face folders (config.json, safetensors, tokenizer.json), with PEFT LoRA
        adapters. Scripts/setup fetches the default model, SmolLM2-135M-Instruct (Q4_1), to
        $OLN_CACHE_DIR/models/SmolLM2-135M-Instruct.Q4_1.gguf (default ~/.cache/oln/models).

        Subcommands:
          info       Describe a model file
          run        Generate text
          register   Register a base model on the ledger by its file's hash
          list       List registered base models and trained adapters

        Run 'oln model <subcommand> --help' for its options.
        """

    static let modelInfo = """
        Usage: oln model info FILE [--json]

        Prints what a model holds and whether this runtime can run it: the architecture, the
        file size and parameter count, context length, layers, widths and heads, RoPE, the
        tensor types, the tokenizer (from GGUF metadata or tokenizer.json) and the chat
        template recognised in it (ChatML or Llama-2).

        Arguments:
          FILE     A GGUF file or a Hugging Face model folder

        Options:
          --json   Print one JSON object
        """

    static let modelRun = """
        Usage: oln model run MODEL (--prompt TEXT | --chat TEXT [--system TEXT]) [--adapter DIR]
                             [--max-tokens N] [--temperature T] [--top-p P] [--top-k K]
                             [--repetition-penalty R] [--seed S] [--threads N] [--tokenizer FILE] [--f32]

        Generates text after a prompt and writes only that text to standard output, as the
        tokens arrive; the timings (prompt and generation tokens/s) go to standard error.
        Generation ends at the model's end-of-sequence token, after N tokens, or when the
        context is full.

        Arguments:
          MODEL                   A GGUF file or a Hugging Face model folder

        Options:
          --prompt TEXT           The raw prompt (special tokens such as <|im_start|> written
                                  in it are recognised; BOS is added when the tokenizer adds one)
          --chat TEXT             A user message, rendered with the model's chat template
          --system TEXT           The system message for --chat (default: none)
          --adapter DIR           A PEFT LoRA adapter folder made for this base model
          --max-tokens N          The most tokens to generate (default: 256)
          --temperature T         0 picks the most likely token (default: 0, greedy)
          --top-p P               Keep the most likely tokens up to probability P (default: 1)
          --top-k K               Keep the K most likely tokens; 0 keeps all (default: 0)
          --repetition-penalty R  Penalise tokens already seen; 1 is none (default: 1)
          --seed S                The sampler's seed (default: 0)
          --threads N             Compute threads (default: one per core)
          --tokenizer FILE        A tokenizer.json or GGUF file to use instead of the model's own
          --f32                   Expand quantized weights to F32 at load: 4 bytes per weight,
                                  every product on OpenBLAS (often faster decoding on this CPU)
        """

    static let version = """
        Usage: oln version

        Prints the version of oln.
        """

    /// The help of `topic` (such as `keys generate`), or nil when there is none.
    static let run = """
        Usage: oln run [--dir DIR] [--log-level LEVEL] [--listen MULTIADDR]... [--bootstrap MULTIADDR]...
                       [--api HOST:PORT | --api off] [--auto-curate | --no-auto-curate]

        Runs the node of a data directory made by 'oln init': listens on its listen addresses,
        dials its bootstrap peers, joins the chain's gossip topics, catches up over
        /oln/sync/1, and takes part in consensus with the roles in config.json (a validator
        votes, a sequencer proposes in the slots it leads). Writes DIR/status.json each slot.
        Logs one line per event to standard error: time, level, event, key=value fields.
        Ctrl-C or SIGTERM stops it cleanly; a batch is applied whole or not at all.

        Flags, then environment variables, take precedence over config.json for this run
        (the file is not changed).

        Options:
          --dir DIR               The data directory (default: $OLN_DATA_DIR, else ~/.oln)
          --log-level LEVEL       error, warning, info or debug (env OLN_LOG_LEVEL; default:
                                  log_level in config.json)
          --listen MULTIADDR      Listen here instead, repeatable (env OLN_LISTEN, comma-separated)
          --bootstrap MULTIADDR   Dial these instead, repeatable (env OLN_BOOTSTRAP, comma-separated)
          --api HOST:PORT|off     The HTTP API's address, or off (env OLN_API)
          --auto-curate, --no-auto-curate
                                  Vote by the curator policy or not (env OLN_AUTO_CURATE=1|0)
        """

    static let status = """
        Usage: oln status [--dir DIR] [--json]

        Prints where the node of a data directory stands: head and finalized height (every
        applied batch is final, so they are equal), the current slot and its leader, and,
        from the status.json of a running node, its peers and mempool size (0 when the node
        is not running, and it says so).

        Options:
          --dir DIR   The data directory (default: $OLN_DATA_DIR, else ~/.oln)
          --json      Print one JSON object: head_height, finalized_height, slot, leader,
                      peers, mempool, running, syncing, chain_id, peer_id, listen, pid,
                      updated_at_ms
        """

    static let transaction = """
        Usage: oln tx transfer [options]

        Subcommands:
          transfer   Sign a transfer with the node's key and submit it
        """

    static let transactionTransfer = """
        Usage: oln tx transfer --to ADDRESS --amount TOKENS [--fee TOKENS] [--nonce N] [--dir DIR]
                               [--peer MULTIADDR]… [--wait SECONDS] [--timeout SECONDS] [--json]

        Signs a transfer with the key of the data directory (its account pays) and hands it to
        the node running on DIR through its API, which checks it against its mempool (a refusal
        is an error) and publishes it to its peers; without an API, or with --peer, it is
        published on the chain's transaction topic with a temporary identity.

        Options:
          --to ADDRESS        The recipient account
          --amount TOKENS     Tokens to send, in decimal (e.g. 1.5)
          --fee TOKENS        The fee (default: the least the parameters ask)
          --nonce N           The sender's nonce (default: the next one in the ledger)
          --dir DIR           The data directory (default: $OLN_DATA_DIR, else ~/.oln)
          --peer MULTIADDR    Submit to this peer instead of the running node; repeatable
          --wait SECONDS      Wait until the transfer is finalized and print its height
          --timeout SECONDS   How long to wait for a peer on the topic (default: 10)
          --json              Print one JSON object
        """

    static func topic(_ topic: String) -> String? {
        switch topic {
        case "": return main
        case "keys": return keys
        case "keys generate": return keysGenerate
        case "keys show": return keysShow
        case "init": return initialize
        case "chain": return chain
        case "chain export": return chainExport
        case "chain import": return chainImport
        case "genesis": return genesis
        case "genesis example": return genesisExample
        case "genesis check": return genesisCheck
        case "genesis init": return genesisInit
        case "gossip": return gossip
        case "gossip sub": return gossipSub
        case "gossip pub": return gossipPub
        case "p2p": return p2p
        case "p2p listen": return p2pListen
        case "p2p ping": return p2pPing
        case "model": return model
        case "model info": return modelInfo
        case "model run": return modelRun
        case "run": return run
        case "status": return status
        case "tx": return transaction
        case "tx transfer": return transactionTransfer
        case "version": return version
        default: return ledgerTopic(topic)
        }
    }
}
