import Foundation

/// The JSON a chain starts from: its id, start time, every token of the supply and the
/// governed parameters that differ from their defaults (docs/ledger.md has an example).
///
/// Amounts are decimal token text (``TokenAmountText``). The accounts, allocations,
/// stakes and treasury together must hold exactly the supply of 1,000,000,000 tokens.
public struct GenesisSpec: Codable, Sendable, Equatable {
    public struct Account: Codable, Sendable, Equatable {
        public var address: String
        public var balance: String

        public init(address: String, balance: String) {
            self.address = address
            self.balance = balance
        }
    }

    /// A vesting allocation: `unlockedAtStart` is claimable at genesis time, the rest
    /// unlocks linearly over `vestingSeconds` after `cliffSeconds`.
    public struct Allocation: Codable, Sendable, Equatable {
        public var name: String
        public var address: String
        public var amount: String
        public var unlockedAtStart: String?
        public var cliffSeconds: UInt64
        public var vestingSeconds: UInt64

        enum CodingKeys: String, CodingKey {
            case name, address, amount, unlockedAtStart = "unlocked_at_start", cliffSeconds = "cliff_seconds"
            case vestingSeconds = "vesting_seconds"
        }

        public init(name: String, address: String, amount: String, unlockedAtStart: String?, cliffSeconds: UInt64,
                    vestingSeconds: UInt64) {
            self.name = name
            self.address = address
            self.amount = amount
            self.unlockedAtStart = unlockedAtStart
            self.cliffSeconds = cliffSeconds
            self.vestingSeconds = vestingSeconds
        }
    }

    public struct StakeEntry: Codable, Sendable, Equatable {
        public var address: String
        public var role: String
        public var amount: String

        public init(address: String, role: String, amount: String) {
            self.address = address
            self.role = role
            self.amount = amount
        }
    }

    public var chainID: UInt64
    public var genesisTime: UInt64
    public var accounts: [Account]
    public var allocations: [Allocation]
    public var stakes: [StakeEntry]
    public var treasury: String?
    public var parameters: [String: String]?

    /// Largest spec file read.
    public static let byteCountMax = 4 << 20

    enum CodingKeys: String, CodingKey {
        case chainID = "chain_id", genesisTime = "genesis_time", accounts, allocations, stakes, treasury, parameters
    }

    public init(chainID: UInt64, genesisTime: UInt64, accounts: [Account], allocations: [Allocation],
                stakes: [StakeEntry], treasury: String?, parameters: [String: String]?) {
        self.chainID = chainID
        self.genesisTime = genesisTime
        self.accounts = accounts
        self.allocations = allocations
        self.stakes = stakes
        self.treasury = treasury
        self.parameters = parameters
    }

    /// Reads a spec from JSON text.
    public static func decode(_ data: Data) throws(LedgerError) -> GenesisSpec {
        guard data.count <= byteCountMax else { throw .invalidGenesis("the spec is larger than \(byteCountMax) bytes") }
        do {
            return try JSONDecoder().decode(GenesisSpec.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidGenesis("missing \"\(key.stringValue)\" at \(Self.path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .invalidGenesis("wrong type at \(Self.path(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw .invalidGenesis("the spec is not valid JSON: \(error.localizedDescription)")
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "the top level" : codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
