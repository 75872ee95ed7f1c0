/// Which side of the Noise handshake a machine plays.
public enum NoiseRole: Sendable, Equatable {
    /// The side that dialled and sends the first handshake message.
    case initiator
    /// The side that accepted the connection and answers.
    case responder
}
