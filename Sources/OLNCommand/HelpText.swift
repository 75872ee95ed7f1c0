/// The help texts, one per command. They list only what exists.
enum HelpText {
    static let main = """
        oln \(OLNCommand.version): a peer of the oln network, where communities pool data in Datanets,
        fine-tune LoRA adapters on them, serve inference, and pay contributors by attribution.

        Usage: oln <command> [options]

        Commands:
          init             Set up a node's data directory: key, configuration, genesis, ledger
          keys generate    Create an Ed25519 identity key (libp2p peer id and account address)
          keys show        Print the peer id and account address of a key file
          p2p listen       Accept libp2p connections and log each peer's identify result
          p2p ping         Connect to a peer, identify it and measure round-trip times
          genesis example  Print a genesis spec shaped like the published token schedule
          genesis check    Validate a genesis spec and print its hash and state root
          genesis init     Write a genesis into the ledger database
          gossip sub       Print the messages of a gossipsub topic as JSON lines
          gossip pub       Publish one message on a gossipsub topic
          version          Print the version
          help <command>   Show the help of a command

        Options:
          -h, --help       Show this help
          -V, --version    Print the version

        Environment:
          OLN_DATA_DIR     The data directory (default: ~/.oln)

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
                        [--role ROLE]... [--force] [--json]

        Sets up a node's data directory: an identity key (kept if one exists), config.json,
        a copy of the genesis spec, and the ledger database at genesis. Running it again with
        the same genesis keeps the key and the ledger.

        Options:
          --dir DIR              The data directory (default: $OLN_DATA_DIR, else ~/.oln)
          --genesis FILE         The chain's genesis spec (see 'oln genesis example')
          --listen MULTIADDR     Listen address, repeatable (default: /ip4/0.0.0.0/tcp/4001)
          --bootstrap MULTIADDR  Peer to dial at start, with /p2p/<peer id>; repeatable
          --role ROLE            sequencer or validator, repeatable; every node relays
          --force                Replace an existing config.json
          --json                 Print one JSON object
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
        Usage: oln genesis example --address ADDRESS [--chain-id N] [--time UNIX_SECONDS]

        Prints a genesis spec shaped like the published schedule: community 51.71% (16.55% of
        the supply unlocked at start, the rest over 48 months), ecosystem 10% (48 months),
        investors 18.29% and team 15% (12-month cliff, then 36 months), liquidity 5%. All of it
        goes to ADDRESS, which stakes 10,000 tokens as sequencer and as validator.

        Options:
          --address ADDRESS   The account that receives everything (see 'oln keys show')
          --chain-id N        The chain id (default: 161201)
          --time SECONDS      The genesis time in seconds since 1970 (default: now)
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

    static let version = """
        Usage: oln version

        Prints the version of oln.
        """

    /// The help of `topic` (such as `keys generate`), or nil when there is none.
    static func topic(_ topic: String) -> String? {
        switch topic {
        case "": return main
        case "keys": return keys
        case "keys generate": return keysGenerate
        case "keys show": return keysShow
        case "init": return initialize
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
        case "version": return version
        default: return nil
        }
    }
}
