import IO
import P2P

/// Why the node could not listen or dial.
public enum NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedAddress(String)
    case listenFailed(String, IOError)
    case dialRefused(P2PHost.DialError)

    public var description: String {
        switch self {
        case .unsupportedAddress(let address):
            return "\(address) is not an /ip4/…/tcp/… or /ip6/…/tcp/… address (DNS names are not resolved yet)"
        case .listenFailed(let address, let error):
            return "cannot listen on \(address): \(error)"
        case .dialRefused(let error):
            return "\(error)"
        }
    }
}
