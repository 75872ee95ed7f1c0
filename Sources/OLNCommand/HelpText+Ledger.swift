/// Help for the commands that sign ledger transactions or read the ledger.
extension HelpText {
    /// The options every transaction command takes (`TransactionSubmission`).
    static let submissionOptions = """
          --fee TOKENS        The fee (default: the least the parameters ask)
          --nonce N           The sender's nonce (default: the next one in the ledger)
          --dir DIR           The data directory whose key signs (default: $OLN_DATA_DIR, else ~/.oln)
          --peer MULTIADDR    Submit to this peer instead of the running node; repeatable
          --wait SECONDS      Wait until the transaction is finalized; print its height and outcome
          --timeout SECONDS   How long to wait for a peer on the topic (default: 10)
          --json              Print one JSON object
        """

    /// The options of the commands that read the node's ledger.
    static let readingOptions = """
          --dir DIR           The data directory (default: $OLN_DATA_DIR, else ~/.oln)
          --json              Print JSON
        """

    static let datanet = """
        Usage: oln datanet <create | contribute | list | show> [options]

        Datanets pool a community's data: contributions are voted in or out by staked
        curators, and accepted ones form numbered versions that adapters are trained on.

        Subcommands:
          create       Create a datanet with its rules
          contribute   Store a file as a payload and submit it as a contribution
          list         List the datanets in the ledger
          show         Show a datanet, its rules and its contributions
        """

    static let datanetCreate = """
        Usage: oln datanet create --name NAME [--summary TEXT] [--tag TAG]… [rules] [options]

        Rules:
          --curator-stake TOKENS   Curator stake needed to vote (default: the governed curator_stake_min)
          --quorum TOKENS          Vote weight needed to settle by vote (default: curator_stake_min)
          --vote-window SECONDS    How long a contribution is open to votes
                                   (default: the governed datanet_vote_window_min_seconds)
          --bond TOKENS            The least bond a contribution carries (default: 1)
          --max-payload BYTES      The largest payload (default: 1048576)

        Options:
        \(submissionOptions)

        Prints the new datanet's identifier, known before the transaction is included.
        """

    static let datanetContribute = """
        Usage: oln datanet contribute --datanet ID --file PATH [--metadata TEXT] [--licence TEXT]
                                      [--bond TOKENS] [options]

        Stores the file in the data directory's blob store under its BLAKE2b-256 hash (peers
        fetch it by that hash) and submits a contribution naming the hash and size. A plain
        text file is one document; a JSON object {"prompt": …, "response": …}, or JSON lines
        of them, is a set of prompt/response rows for training.

        Options:
          --datanet ID        The datanet (64 hexadecimal digits)
          --file PATH         The payload; at most the datanet's payload limit
          --metadata TEXT     A description (default: the file's name)
          --licence TEXT      The payload's licence (default: CC-BY-4.0)
          --bond TOKENS       The bond (default: the datanet's contribution bond, at least 1)
        \(submissionOptions)
        """

    static let datanetList = """
        Usage: oln datanet list [--dir DIR] [--json]

        Lists the datanets in the node's ledger: identifier, current version and name.
        """

    static let datanetShow = """
        Usage: oln datanet show ID [--dir DIR] [--json]

        Shows a datanet: description, rules, current version and root, and every
        contribution with its status (pending, accepted, rejected, lapsed).
        """

    static let vote = """
        Usage: oln vote --contribution ID (--accept | --reject) [options]

        A curator's vote on a pending contribution, weighted by the curator's stake. Votes
        are taken only within the datanet's vote window, and not on one's own contribution.

        Options:
        \(submissionOptions)
        """

    static let stake = """
        Usage: oln stake --role ROLE --amount TOKENS [options]

        Moves tokens from the balance into stake for a role: sequencer, validator, curator
        or host. Stake is what a misbehaving role loses.

        Options:
        \(submissionOptions)
        """

    static let unstake = """
        Usage: oln unstake --role ROLE --amount TOKENS [options]

        Starts unbonding stake of a role; it returns to the balance after the governed
        unbonding period.

        Options:
        \(submissionOptions)
        """

    static let governance = """
        Usage: oln gov <propose | vote | list> [options]

        Subcommands:
          propose   Propose a new value for a governed parameter
          vote      Vote on an open proposal, weighted by stake
          list      List proposals, or with --parameters the values in effect
        """

    static let governancePropose = """
        Usage: oln gov propose --parameter NAME --value N [options]

        The value is an integer in the parameter's unit ('oln gov list --parameters' shows
        names and current values). Prints the proposal's identifier.

        Options:
        \(submissionOptions)
        """

    static let governanceVote = """
        Usage: oln gov vote --proposal ID (--approve | --reject) [options]

        Options:
        \(submissionOptions)
        """

    static let governanceList = """
        Usage: oln gov list [--parameters] [--dir DIR] [--json]

        Lists proposals with their status and vote weights; with --parameters, every
        governed parameter and its value in effect.
        """

    static let modelRegister = """
        Usage: oln model register --file MODEL [--name NAME] [options]

        Registers a base model on the ledger by the BLAKE2b-256 hash of its file, so that
        adapters trained on it and inference receipts can name it.

        Options:
          --file MODEL        A .gguf or .safetensors file
          --name NAME         The model's name (default: the file name)
        \(submissionOptions)
        """

    static let modelList = """
        Usage: oln model list [--dir DIR] [--json]

        Lists registered base models and the adapters published by training results.
        """

    static let account = """
        Usage: oln account [ADDRESS] [--dir DIR] [--json]

        Prints an account's balance, nonce, stake per role and total payouts (default: the
        data directory's own account).
        """

    static let receipts = """
        Usage: oln receipts [--host ADDRESS | --adapter HASH | --contributor ADDRESS] [--dir DIR] [--json]

        Lists inference receipts with their method, tokens, fee and attribution, newest
        first. Without a filter: receipts that paid the data directory's account as a
        contributor.
        """

    static let payouts = """
        Usage: oln payouts [ADDRESS | --account ADDRESS] [--dir DIR] [--json]

        Lists what an account was paid (receipt shares, curation bonds, rewards) and the
        total (default: the data directory's own account).
        """

    static let train = """
        Usage: oln train --datanet ID[@VERSION]... --base MODEL [training options] [--submit [submission options]]

        Fine-tunes a LoRA adapter on a datanet version, or on versions of several datanets
        (repeat --datanet, up to 16; a payload accepted into several is trained on once, and
        the adapter's receipts may credit contributions of all of them): their accepted
        contributions, read from
        the data directory's blob store (plain text documents, or {"prompt", "response"} rows
        rendered through the model's chat template with the prompt masked). The job lives in
        DIR/training/<datanet>-v<version>[-and-<others>]-<configuration>/ (checkpoints, loss.json, loss.svg,
        gradient stores, adapter/, summary.json); running the same command again resumes it
        from its newest checkpoint, and Ctrl-C stops it after the current step with a
        checkpoint. The adapter bundle goes into the blob store, where peers fetch it.
        The same base, version, options, seed and thread count give a bit-identical adapter.

        Options:
          --datanet ID[@VERSION]      A datanet (64 hexadecimal digits), at VERSION (default: the
                                      latest); repeatable, the first is the one receipts name
          --version N                 The first datanet's version (default: the latest)
          --base MODEL                A GGUF file or Hugging Face folder
          --rank R                    LoRA rank (default: 8)
          --alpha A                   lora_alpha (default: 2R)
          --targets all-linear|LIST   Modules, e.g. q_proj,v_proj (default: all-linear)
          --steps N                   Optimizer steps (default: 100)
          --learning-rate LR          Peak AdamW learning rate (default: 0.0002)
          --warmup N                  Linear warm-up steps, then cosine decay (default: 0)
          --batch N                   Sequences per micro-batch (default: 1)
          --accumulation N            Micro-batches per step (default: 1)
          --sequence-length L         Tokens per packed sequence (default: 256)
          --dropout P                 LoRA dropout, seeded (default: 0)
          --validation-fraction F     Documents held out for validation (default: 0.1)
          --seed S                    Seed of initialisation, order, split, dropout (default: 0)
          --checkpoint-interval N     Steps between checkpoints (default: 100, at most --steps)
          --gradient-steps S,S|none   Steps whose per-example gradients are stored for influence
                                      attribution (default: the last step)
          --projection-dimension K    Dimensions of the stored gradients (default: 4096)
          --threads N                 Compute threads (default: all cores)
          --job DIR                   The job folder (default: under DIR/training)
          --submit                    Publish the TrainingResult (the base model must be registered)
        \(submissionOptions)
        """

    static let infer = """
        Usage: oln infer (--api URL | --peer MULTIADDR) --model NAME (--prompt TEXT | --chat TEXT)
                         [--max-tokens N] [--max-fee TOKENS] [--token TOKEN] [--dir DIR] [--json]

        Asks a host's OpenAI-compatible API (greedy) and prints the answer; the receipt, its
        fee and the credited contributions go to standard error. The host is reached over HTTP
        (--api) or over libp2p (--peer, the protocol /oln/infer/1, with a temporary identity):
        the same routes, admission and receipts either way. The answer is paid with a fee
        authorisation for that host and model signed by the data directory's key (the host's
        address and chain come from its /v1/oln/host), or with --token, the host's own API token.

        Options:
          --api URL           The host's API, e.g. http://127.0.0.1:8080
          --peer MULTIADDR    The host's libp2p address with its peer id,
                              e.g. /ip4/203.0.113.7/tcp/4001/p2p/12D3KooW…
          --model NAME        An adapter's hash (GET /v1/models lists them) or the base model's
          --prompt TEXT       A text completion
          --chat TEXT         One user message through the model's chat template
          --max-tokens N      Tokens to generate at most (default: 64)
          --max-fee TOKENS    The most the host may charge (default: 1)
          --token TOKEN       The host's API token instead of a fee authorisation
          --dir DIR           The paying account's data directory (default: $OLN_DATA_DIR, else ~/.oln)
          --json              Print the whole answer as JSON
        """

    static let join = """
        Usage: oln join DESCRIPTOR [--dir DIR] [--role ROLE]... [--listen MULTIADDR]... [init options]

        Sets up a data directory for a published testnet (Testnet/public/README.md): checks the
        descriptor's genesis against its chain id and genesis hash, then runs 'oln init' with that
        genesis, the descriptor's bootstrap addresses and the options given (default listen
        /ip4/0.0.0.0/tcp/4001). Then 'oln run' catches up with the chain and follows it.
        """

    /// The help of the ledger commands, by topic.
    static func ledgerTopic(_ topic: String) -> String? {
        switch topic {
        case "datanet": datanet
        case "datanet create": datanetCreate
        case "datanet contribute": datanetContribute
        case "datanet list": datanetList
        case "datanet show": datanetShow
        case "vote": vote
        case "stake": stake
        case "unstake": unstake
        case "transfer": transactionTransfer
        case "gov": governance
        case "gov propose": governancePropose
        case "gov vote": governanceVote
        case "gov list": governanceList
        case "model register": modelRegister
        case "model list": modelList
        case "account": account
        case "receipts": receipts
        case "payouts": payouts
        case "train": train
        case "infer": infer
        case "join": join
        default: nil
        }
    }
}
